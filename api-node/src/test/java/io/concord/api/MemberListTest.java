package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static io.concord.api.DiscordErrors.assertInvalidFormAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** {@code GET /guilds/{g}/members}, {@code /members/search} and {@code /members/{u}}. */
class MemberListTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(120);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();

    private static List<String> ids(Response r) {
        List<String> ids = new ArrayList<>();
        r.json().forEach(m -> ids.add(m.path("user").path("id").asString()));
        return ids;
    }

    private Accounts.User registerAs(String username) {
        String email = Accounts.uniqueEmail();
        Response r = rest.post("/auth/register", null, Map.of("email", email, "username", username, "password", Accounts.PASSWORD));
        assertThat(r.status()).as("register: %s", r).isEqualTo(201);
        return new Accounts.User(r.json().path("user_id").asString(), username, r.json().path("token").asString(),
                r.json().path("refresh_token").asString(), email);
    }

    @Test
    void listPagesThroughMembersByAscendingUserIdWithAfter() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        List<String> all = new ArrayList<>(List.of(owner.id()));
        for (int i = 0; i < 4; i++) {
            Accounts.User u = accounts.register();
            accounts.join(owner, guild.generalId(), u);
            all.add(u.id());
        }
        all.sort(Comparator.comparing(Long::parseUnsignedLong));

        Response first = rest.get("/guilds/" + guild.id() + "/members?limit=2", owner.token());
        Response second = rest.get("/guilds/" + guild.id() + "/members?limit=2&after=" + all.get(1), owner.token());
        Response rest3 = rest.get("/guilds/" + guild.id() + "/members?limit=1000&after=" + all.get(3), owner.token());
        Response byDefault = rest.get("/guilds/" + guild.id() + "/members", owner.token());

        assertThat(first.status()).isEqualTo(200);
        assertThat(ids(first)).containsExactly(all.get(0), all.get(1));
        assertThat(ids(second)).containsExactly(all.get(2), all.get(3));
        assertThat(ids(rest3)).containsExactly(all.get(4));
        assertThat(ids(byDefault)).as("default limit is 1").containsExactly(all.get(0));
    }

    @Test
    void aMemberObjectHasDiscordsFieldsWithNullsAndNoPrivateUserFields() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = rest.get("/guilds/" + guild.id() + "/members/" + owner.id(), owner.token());

        assertThat(r.status()).isEqualTo(200);
        JsonNode m = r.json();
        for (String f : List.of("nick", "avatar", "premium_since", "communication_disabled_until")) {
            assertThat(m.has(f)).as(f).isTrue();
            assertThat(m.get(f).isNull()).as(f).isTrue();
        }
        assertThat(m.path("roles").isArray()).isTrue();
        assertThat(m.path("joined_at").asString()).isNotEmpty();
        assertThat(m.path("deaf").isBoolean()).isTrue();
        assertThat(m.path("mute").isBoolean()).isTrue();
        assertThat(m.path("flags").isInt()).isTrue();
        assertThat(m.path("pending").isBoolean()).isTrue();
        assertThat(m.path("user").path("id").asString()).isEqualTo(owner.id());
        assertThat(m.path("user").path("username").asString()).isEqualTo(owner.username());
        assertThat(m.path("user").path("discriminator").asString()).isEqualTo("0");
        assertThat(m.path("user").has("email")).isFalse();
    }

    @Test
    void anUnknownMemberIs10007AndAMalformedIdIs50035() {
        Accounts.User owner = accounts.register();
        Accounts.User stranger = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        assertError(rest.get("/guilds/" + guild.id() + "/members/" + stranger.id(), owner.token()), 404, 10007, "Unknown Member");
        assertInvalidFormAt(rest.get("/guilds/" + guild.id() + "/members/abc", owner.token()), "user_id");
    }

    @Test
    void aNonMemberCannotListSearchOrReadMembers() {
        Accounts.User owner = accounts.register();
        Accounts.User stranger = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String base = "/guilds/" + guild.id() + "/members";

        assertError(rest.get(base, stranger.token()), 403, 50001, "Missing Access");
        assertError(rest.get(base + "/search?query=u", stranger.token()), 403, 50001, "Missing Access");
        assertError(rest.get(base + "/" + owner.id(), stranger.token()), 403, 50001, "Missing Access");
        assertError(rest.get("/guilds/1234567890123/members", owner.token()), 404, 10004, "Unknown Guild");
    }

    @Test
    void limitOutsideOneToAThousandOrNotANumberIs50035() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String base = "/guilds/" + guild.id() + "/members";

        assertInvalidForm(rest.get(base + "?limit=0", owner.token()), "NUMBER_TYPE_MIN", "limit");
        assertInvalidForm(rest.get(base + "?limit=1001", owner.token()), "NUMBER_TYPE_MAX", "limit");
        assertInvalidForm(rest.get(base + "?limit=ten", owner.token()), "NUMBER_TYPE_COERCE", "limit");
        assertInvalidForm(rest.get(base + "?after=x1", owner.token()), "NUMBER_TYPE_COERCE", "after");
        assertInvalidForm(rest.get(base + "/search?query=a&limit=1001", owner.token()), "NUMBER_TYPE_MAX", "limit");
    }

    @Test
    void searchMatchesAPrefixOfUsernameGlobalNameOrNickIgnoringCase() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        Accounts.User byName = registerAs("Zeta" + tag + "_one");
        Accounts.User byNick = accounts.register();
        Accounts.User byGlobal = accounts.register();
        Accounts.User other = registerAs("x" + "zeta" + tag);
        for (Accounts.User u : List.of(byName, byNick, byGlobal, other)) accounts.join(owner, guild.generalId(), u);
        assertThat(rest.patch("/guilds/" + guild.id() + "/members/@me", byNick.token(), Map.of("nick", "ZETA" + tag + " nick")).status())
                .isEqualTo(200);
        assertThat(rest.patch("/users/@me", byGlobal.token(), Map.of("global_name", "zeTa" + tag + " G")).status()).isEqualTo(200);

        Response r = rest.get("/guilds/" + guild.id() + "/members/search?limit=10&query=zeta" + tag, owner.token());
        Response limited = rest.get("/guilds/" + guild.id() + "/members/search?limit=1&query=zeta" + tag, owner.token());

        assertThat(r.status()).isEqualTo(200);
        assertThat(ids(r)).containsExactlyInAnyOrder(byName.id(), byNick.id(), byGlobal.id()).doesNotContain(other.id());
        assertThat(limited.json().size()).isEqualTo(1);
    }

    @Test
    void searchTreatsLikeWildcardsAsPlainCharacters() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        Accounts.User percent = accounts.register();
        Accounts.User plain = accounts.register();
        accounts.join(owner, guild.generalId(), percent);
        accounts.join(owner, guild.generalId(), plain);
        rest.patch("/guilds/" + guild.id() + "/members/@me", percent.token(), Map.of("nick", "a%_" + tag));
        rest.patch("/guilds/" + guild.id() + "/members/@me", plain.token(), Map.of("nick", "abc" + tag));
        String base = "/guilds/" + guild.id() + "/members/search?limit=10&query=";

        assertThat(ids(rest.get(base + "a%25_", owner.token()))).containsExactly(percent.id());
        assertThat(ids(rest.get(base + "a_", owner.token()))).isEmpty();
        assertThat(ids(rest.get(base + "%25", owner.token()))).isEmpty();
        assertThat(ids(rest.get(base + "ab", owner.token()))).contains(plain.id()).doesNotContain(percent.id());
    }

    @Test
    void searchNeedsAQueryOfOneToAHundredCharacters() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String base = "/guilds/" + guild.id() + "/members/search";

        assertInvalidForm(rest.get(base, owner.token()), "BASE_TYPE_REQUIRED", "query");
        assertInvalidForm(rest.get(base + "?query=", owner.token()), "BASE_TYPE_BAD_LENGTH", "query");
        assertInvalidForm(rest.get(base + "?query=" + "a".repeat(101), owner.token()), "BASE_TYPE_BAD_LENGTH", "query");
    }
}
