package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static io.concord.api.DiscordErrors.assertInvalidFormAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** {@code GET /users/{u}} and {@code PATCH /users/@me}. */
class UserProfileTest {
    /** A 1x1 PNG. */
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(124);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents stream = api.events();

    private static String freshName() {
        return "n" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Response patchNull(String token, String key) {
        return rest.send("PATCH", "/users/@me", token, BodyPublishers.ofString("{\"" + key + "\":null}"), "application/json");
    }

    @Test
    void anyUserCanReadAnotherUsersPublicObjectWithoutTheirEmail() {
        Accounts.User reader = accounts.register();
        Accounts.User subject = accounts.register();

        Response r = rest.get("/users/" + subject.id(), reader.token());

        assertThat(r.status()).isEqualTo(200);
        JsonNode u = r.json();
        assertThat(u.path("id").asString()).isEqualTo(subject.id());
        assertThat(u.path("username").asString()).isEqualTo(subject.username());
        assertThat(u.path("discriminator").asString()).isEqualTo("0");
        assertThat(u.has("global_name")).isTrue();
        assertThat(u.path("avatar").isNull()).isTrue();
        assertThat(u.path("public_flags").asInt(-1)).isZero();
        assertThat(u.has("email")).isFalse();
        assertThat(u.has("bot")).isFalse();
    }

    @Test
    void anUnknownUserIs10013AndAMalformedId50035() {
        Accounts.User reader = accounts.register();

        assertError(rest.get("/users/1234567890123", reader.token()), 404, 10013, "Unknown User");
        assertInvalidFormAt(rest.get("/users/nope", reader.token()), "user_id");
        assertThat(rest.get("/users/" + reader.id(), null).status()).isEqualTo(401);
    }

    @Test
    void renamingTellsTheUsersOwnSessionsAndEachOfTheirGuilds() {
        Accounts.User user = accounts.register();
        Accounts.User owner = accounts.register();
        Accounts.Guild own = accounts.createGuild(user);
        Accounts.Guild joined = accounts.createGuild(owner);
        accounts.join(owner, joined.generalId(), user);
        GuildEvents.Mark direct = stream.mark("0");
        GuildEvents.Mark first = stream.mark(own.id());
        GuildEvents.Mark second = stream.mark(joined.id());
        String name = freshName();

        Response r = rest.patch("/users/@me", user.token(), Map.of("username", name, "global_name", " Shown Name "));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("username").asString()).isEqualTo(name);
        assertThat(r.json().path("global_name").asString()).isEqualTo("Shown Name");
        assertThat(r.json().path("email").asString()).isEqualTo(user.email());
        Response read = rest.get("/users/" + user.id(), owner.token());
        assertThat(read.json().path("username").asString()).isEqualTo(name);
        assertThat(read.json().path("global_name").asString()).isEqualTo("Shown Name");

        List<GuildEvents.Event> updates = stream.since(direct, "USER_UPDATE").stream()
                .filter(e -> e.userIds().contains(Long.parseLong(user.id()))).toList();
        assertThat(updates).hasSize(1);
        assertThat(updates.getFirst().channelId()).isZero();
        assertThat(updates.getFirst().userIds()).containsExactly(Long.parseLong(user.id()));
        assertThat(updates.getFirst().d().path("username").asString()).isEqualTo(name);
        for (GuildEvents.Mark m : List.of(first, second)) {
            List<GuildEvents.Event> members = stream.since(m, "GUILD_MEMBER_UPDATE");
            assertThat(members).hasSize(1);
            assertThat(members.getFirst().d().path("user").path("username").asString()).isEqualTo(name);
            assertThat(members.getFirst().d().path("user").has("email")).isFalse();
        }
    }

    @Test
    void anEmptyEditChangesNothingAndPublishesNothing() {
        Accounts.User user = accounts.register();
        GuildEvents.Mark direct = stream.mark("0");

        Response r = rest.patch("/users/@me", user.token(), Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("username").asString()).isEqualTo(user.username());
        assertThat(stream.since(direct, "USER_UPDATE").stream().filter(e -> e.userIds().contains(Long.parseLong(user.id())))).isEmpty();
    }

    @Test
    void usernamesFollowDiscordsCharacterRulesAndAreUnique() {
        Accounts.User user = accounts.register();
        Accounts.User other = accounts.register();
        String taken = freshName();
        assertThat(rest.patch("/users/@me", other.token(), Map.of("username", taken)).status()).isEqualTo(200);

        for (String bad : List.of("UpperCase", "with space", "a..b", "dash-name", "émile")) {
            assertInvalidForm(rest.patch("/users/@me", user.token(), Map.of("username", bad)), "USERNAME_INVALID_CHARACTERS", "username");
        }
        assertInvalidForm(rest.patch("/users/@me", user.token(), Map.of("username", "a")), "BASE_TYPE_BAD_LENGTH", "username");
        assertInvalidForm(rest.patch("/users/@me", user.token(), Map.of("username", "a".repeat(33))), "BASE_TYPE_BAD_LENGTH", "username");
        assertInvalidForm(rest.patch("/users/@me", user.token(), Map.of("username", "mydiscordname")), "USERNAME_INVALID_CONTAINS", "username");
        assertInvalidForm(rest.patch("/users/@me", user.token(), Map.of("username", taken)), "USERNAME_ALREADY_TAKEN", "username");
        assertInvalidForm(rest.patch("/users/@me", user.token(), Map.of("username", 42)), "STRING_TYPE_CONVERT", "username");

        assertThat(rest.get("/users/@me", user.token()).json().path("username").asString()).isEqualTo(user.username());
    }

    @Test
    void globalNameIsOneToThirtyTwoCharactersOrNullToClear() {
        Accounts.User user = accounts.register();
        assertThat(rest.patch("/users/@me", user.token(), Map.of("global_name", "Shown")).status()).isEqualTo(200);

        assertInvalidForm(rest.patch("/users/@me", user.token(), Map.of("global_name", "   ")), "BASE_TYPE_BAD_LENGTH", "global_name");
        assertInvalidForm(rest.patch("/users/@me", user.token(), Map.of("global_name", "g".repeat(33))), "BASE_TYPE_BAD_LENGTH", "global_name");
        assertThat(rest.get("/users/@me", user.token()).json().path("global_name").asString()).isEqualTo("Shown");

        Response cleared = patchNull(user.token(), "global_name");

        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("global_name").isNull()).isTrue();
        assertThat(rest.get("/users/" + user.id(), user.token()).json().path("global_name").isNull()).isTrue();
    }

    @Test
    void aPngDataUriBecomesAnAvatarHashAndNullClearsIt() {
        Accounts.User user = accounts.register();

        Response r = rest.patch("/users/@me", user.token(), Map.of("avatar", "data:image/png;base64," + PNG));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        String hash = r.json().path("avatar").asString();
        assertThat(hash).matches("[0-9a-f]{32}");
        assertThat(rest.get("/users/" + user.id(), user.token()).json().path("avatar").asString()).isEqualTo(hash);

        Response cleared = patchNull(user.token(), "avatar");

        assertThat(cleared.json().path("avatar").isNull()).isTrue();
        assertThat(rest.get("/users/" + user.id(), user.token()).json().path("avatar").isNull()).isTrue();
    }

    @Test
    void anythingButAnImageDataUriIsRejectedAsAnInvalidImage() {
        Accounts.User user = accounts.register();
        String jpegBytes = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2});

        for (String bad : List.of("https://example.com/a.png", "data:text/plain;base64,aGVsbG8=", "data:image/png;base64,%%%",
                "data:image/png;base64," + jpegBytes, "data:image/png;base64,aGVsbG8=")) {
            assertInvalidForm(rest.patch("/users/@me", user.token(), Map.of("avatar", bad)), "IMAGE_INVALID", "avatar");
        }
        assertInvalidFormAt(rest.patch("/users/@me", user.token(), Map.of("avatar", 7)), "avatar");
        assertThat(rest.get("/users/@me", user.token()).json().path("avatar").isNull()).isTrue();
    }
}
