package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.id.Snowflakes;
import io.concord.common.permission.Permission;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessageTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(105);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private Accounts.User owner;
    private Accounts.Guild guild;

    @BeforeEach
    void newGuild() {
        owner = accounts.register();
        guild = accounts.createGuild(owner);
    }

    private String messagesPath() {
        return "/channels/" + guild.generalId() + "/messages";
    }

    private Response history() {
        return rest.get(messagesPath() + "?limit=100", owner.token());
    }

    @Test
    void sendingReturnsTheMessageWithAFreshSnowflake() {
        Response r = accounts.send(owner, guild.generalId(), "hello there");

        assertThat(r.status()).isEqualTo(200);
        long id = Long.parseLong(r.json().path("id").asString());
        long sentAtMs = (id >> 22) + 1420070400000L;
        assertThat(sentAtMs).isBetween(System.currentTimeMillis() - 10_000, System.currentTimeMillis() + 10_000);
        assertThat(r.json().path("channel_id").asString()).isEqualTo(guild.generalId());
        assertThat(r.json().path("guild_id").asString()).isEqualTo(guild.id());
        assertThat(r.json().path("content").asString()).isEqualTo("hello there");
        assertThat(r.json().path("type").asInt()).isZero();
        assertThat(r.json().path("author").path("id").asString()).isEqualTo(owner.id());
        assertThat(r.json().path("author").path("discriminator").asString()).isEqualTo("0");
        assertThat(r.json().path("mentions").isArray()).isTrue();
        assertThat(r.json().path("mentions").size()).isZero();
        assertThat(r.json().path("mention_roles").isArray()).isTrue();
        assertThat(r.json().path("mention_roles").size()).isZero();
        assertThat(r.json().path("mention_everyone").asBoolean(true)).isFalse();
        assertThat(java.time.OffsetDateTime.parse(r.json().path("timestamp").asString()).toInstant())
                .isEqualTo(Snowflakes.instant(id));
    }

    @Test
    void contentOver2000CharactersIsBaseTypeMaxLength() {
        Response r = accounts.send(owner, guild.generalId(), "x".repeat(2001));

        assertInvalidForm(r, "BASE_TYPE_MAX_LENGTH", "content");
        assertThat(DiscordErrors.fieldMessage(r, "content")).isEqualTo("Must be 2000 or fewer in length.");
        assertThat(accounts.send(owner, guild.generalId(), "x".repeat(2000)).status()).isEqualTo(200);
    }

    @Test
    void emptyContentCannotBeSent() {
        assertError(accounts.send(owner, guild.generalId(), ""), 400, 50006, "Cannot send an empty message");
        assertError(rest.post(messagesPath(), owner.token(), Map.of()), 400, 50006, "Cannot send an empty message");
        assertThat(history().json().size()).isZero();
    }

    @Test
    void invalidJsonIsRejectedWith50109() {
        Response r = rest.postRaw(messagesPath(), owner.token(), "{\"content\": \"unterminated");

        assertError(r, 400, 50109, "The request body contains invalid JSON.");
    }

    @Test
    void aJsonArrayBodyIsAnInvalidFormBody() {
        Response r = rest.postRaw(messagesPath(), owner.token(), "[{\"content\":\"hi\"}]");

        assertInvalidForm(r, "DICT_TYPE_CONVERT", "");
    }

    @Test
    void aBodyOver256KibIsTooLarge() {
        String body = "{\"content\":\"" + "x".repeat(256 * 1024) + "\"}";

        Response r = rest.postRaw(messagesPath(), owner.token(), body);

        assertError(r, 413, 40005, "Request entity too large");
        assertThat(history().json().size()).isZero();
    }

    @Test
    void aChunkedBodyOver256KibIsTooLargeToo() {
        byte[] body = ("{\"content\":\"" + "x".repeat(256 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        Response r = rest.send("POST", messagesPath(), owner.token(),
                BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)), "application/json");

        assertError(r, 413, 40005, "Request entity too large");
    }

    @Test
    void resendingWithAnEnforcedNonceReturnsTheSameMessageAndStoresOne() {
        Map<String, Object> body = Map.of("content", "once", "nonce", "n-" + Accounts.uniqueName(), "enforce_nonce", true);

        Response first = rest.post(messagesPath(), owner.token(), body);
        Response second = rest.post(messagesPath(), owner.token(), body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(second.json().path("nonce").asString()).isEqualTo(body.get("nonce"));
        Response stored = history();
        assertThat(stored.json().size()).isEqualTo(1);
        assertThat(stored.json().path(0).path("id").asString()).isEqualTo(first.json().path("id").asString());
    }

    @Test
    void theSameNonceWithoutEnforcementStoresTwoMessages() {
        Map<String, Object> body = Map.of("content", "twice", "nonce", "same-nonce");

        String first = rest.post(messagesPath(), owner.token(), body).json().path("id").asString();
        String second = rest.post(messagesPath(), owner.token(), body).json().path("id").asString();

        assertThat(second).isNotEqualTo(first);
        assertThat(history().json().size()).isEqualTo(2);
    }

    @Test
    void mentioningAMemberListsThemAndANonMemberIsIgnored() {
        Accounts.User member = accounts.register();
        Accounts.User stranger = accounts.register();
        accounts.join(owner, guild.generalId(), member);

        Response r = accounts.send(owner, guild.generalId(), "hi <@" + member.id() + "> and <@!" + stranger.id() + ">");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("mentions").size()).isEqualTo(1);
        assertThat(r.json().path("mentions").path(0).path("id").asString()).isEqualTo(member.id());
        assertThat(history().json().path(0).path("mentions").path(0).path("id").asString()).isEqualTo(member.id());
    }

    @Test
    void everyoneFromTheOwnerMentionsEveryone() {
        Response r = accounts.send(owner, guild.generalId(), "@everyone look");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("mention_everyone").asBoolean(false)).isTrue();
    }

    @Test
    void everyoneFromAMemberDeniedMentionEveryoneMentionsNoOne() {
        Accounts.User member = accounts.register();
        accounts.join(owner, guild.generalId(), member);
        String quiet = accounts.channelDenyingEveryone(owner, guild, Permission.MENTION_EVERYONE);

        Response r = accounts.send(member, quiet, "@everyone wake up");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("mention_everyone").asBoolean(true)).isFalse();
    }

    @Test
    void allowedMentionsWithAnEmptyParseListMentionsNoOne() {
        Accounts.User member = accounts.register();
        accounts.join(owner, guild.generalId(), member);

        Response r = rest.post(messagesPath(), owner.token(), Map.of("content", "<@" + member.id() + "> @everyone",
                "allowed_mentions", Map.of("parse", java.util.List.of())));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("mentions").size()).isZero();
        assertThat(r.json().path("mention_everyone").asBoolean(true)).isFalse();
    }

    @Test
    void anEnforcedNonceIsPerAuthor() {
        Accounts.User member = accounts.register();
        accounts.join(owner, guild.generalId(), member);
        Map<String, Object> body = Map.of("content", "mine", "nonce", "shared-nonce", "enforce_nonce", true);

        String ownersId = rest.post(messagesPath(), owner.token(), body).json().path("id").asString();
        String membersId = rest.post(messagesPath(), member.token(), body).json().path("id").asString();

        assertThat(membersId).isNotEqualTo(ownersId);
        assertThat(history().json().size()).isEqualTo(2);
    }
}
