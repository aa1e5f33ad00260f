package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessageEditDeleteTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(130);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = api.events();
    private Accounts.User owner;
    private Accounts.User member;
    private Accounts.Guild guild;

    @BeforeEach
    void newGuild() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        owner = g.owner();
        member = g.member();
        guild = g.guild();
    }

    private String path(String messageId) {
        return "/channels/" + guild.generalId() + "/messages/" + messageId;
    }

    private String send(Accounts.User author, String content) {
        Response r = accounts.send(author, guild.generalId(), content);
        assertThat(r.status()).as("send: %s", r).isEqualTo(200);
        return r.json().path("id").asString();
    }

    @Test
    void gettingAMessageReturnsIt() {
        String id = send(member, "fetch me");

        Response r = rest.get(path(id), owner.token());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asString()).isEqualTo(id);
        assertThat(r.json().path("content").asString()).isEqualTo("fetch me");
        assertThat(r.json().path("author").path("id").asString()).isEqualTo(member.id());
        assertThat(r.json().has("reactions")).isFalse();
    }

    @Test
    void anUnknownMessageIsUnknownMessage() {
        String missing = Long.toString((System.currentTimeMillis() - 1420070400000L) << 22);

        assertError(rest.get(path(missing), owner.token()), 404, 10008, "Unknown Message");
        assertError(rest.patch(path(missing), owner.token(), Map.of("content", "x")), 404, 10008, "Unknown Message");
        assertError(rest.delete(path(missing), owner.token()), 404, 10008, "Unknown Message");
    }

    @Test
    void aChannelTheCallerCannotViewIsMissingAccess() {
        String hidden = accounts.channelDenyingEveryone(owner, guild, Permission.VIEW_CHANNEL);
        String id = accounts.send(owner, hidden, "secret").json().path("id").asString();
        String hiddenPath = "/channels/" + hidden + "/messages/" + id;

        assertError(rest.get(hiddenPath, member.token()), 403, 50001, "Missing Access");
        assertError(rest.patch(hiddenPath, member.token(), Map.of("content", "x")), 403, 50001, "Missing Access");
        assertError(rest.delete(hiddenPath, member.token()), 403, 50001, "Missing Access");
        assertThat(rest.get(hiddenPath, owner.token()).json().path("content").asString()).isEqualTo("secret");
    }

    @Test
    void readingOneMessageNeedsReadMessageHistory() {
        String channel = accounts.channelDenyingEveryone(owner, guild, Permission.READ_MESSAGE_HISTORY);
        String id = accounts.send(owner, channel, "old").json().path("id").asString();

        assertError(rest.get("/channels/" + channel + "/messages/" + id, member.token()), 403, 50013, "Missing Permissions");
    }

    @Test
    void theAuthorEditsAndGetsTheFullMessageWithAnEditedTimestamp() {
        String id = send(member, "before");

        Response r = rest.patch(path(id), member.token(), Map.of("content", "after <@" + owner.id() + ">"));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("content").asString()).isEqualTo("after <@" + owner.id() + ">");
        assertThat(r.json().path("edited_timestamp").isString()).isTrue();
        assertThat(r.json().path("author").path("id").asString()).isEqualTo(member.id());
        assertThat(r.json().path("mentions").path(0).path("id").asString()).isEqualTo(owner.id());
        assertThat(rest.get(path(id), owner.token()).json().path("content").asString()).startsWith("after");
    }

    @Test
    void anEditPublishesMessageUpdateWithTheFullMessageAndTheAuthorsMember() {
        String id = send(member, "before");

        rest.patch(path(id), member.token(), Map.of("content", "after"));

        var updates = events.of(guild.id(), "MESSAGE_UPDATE");
        assertThat(updates).hasSize(1);
        var d = updates.getFirst().d();
        assertThat(updates.getFirst().channelId()).isEqualTo(Long.parseLong(guild.generalId()));
        assertThat(d.path("id").asString()).isEqualTo(id);
        assertThat(d.path("content").asString()).isEqualTo("after");
        assertThat(d.path("type").asInt(-1)).isZero();
        assertThat(d.path("author").path("id").asString()).isEqualTo(member.id());
        assertThat(d.path("guild_id").asString()).isEqualTo(guild.id());
        assertThat(d.path("member").isObject()).isTrue();
        assertThat(d.path("member").has("user")).isFalse();
        assertThat(d.path("edited_timestamp").isString()).isTrue();
    }

    @Test
    void editingSomeoneElsesMessageIsRefusedAndChangesNothing() {
        String id = send(member, "mine");

        assertError(rest.patch(path(id), owner.token(), Map.of("content", "owned")), 403, 50005,
                "Cannot edit a message authored by another user");

        assertThat(rest.get(path(id), member.token()).json().path("content").asString()).isEqualTo("mine");
        assertThat(events.of(guild.id(), "MESSAGE_UPDATE")).isEmpty();
    }

    @Test
    void aModeratorMaySuppressEmbedsOnSomeoneElsesMessageButNoOtherFlag() {
        String id = send(member, "https://example.com");

        Response r = rest.patch(path(id), owner.token(), Map.of("flags", 4 | 2));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("flags").asInt()).isEqualTo(4);
        assertThat(r.json().path("content").asString()).isEqualTo("https://example.com");
    }

    @Test
    void editedContentOver2000CharactersIsRefused() {
        String id = send(member, "short");

        assertInvalidForm(rest.patch(path(id), member.token(), Map.of("content", "x".repeat(2001))), "BASE_TYPE_MAX_LENGTH", "content");
        assertThat(rest.get(path(id), member.token()).json().path("content").asString()).isEqualTo("short");
    }

    @Test
    void theAuthorDeletesTheirMessageAndMessageDeleteIsPublished() {
        String id = send(member, "bye");

        Response r = rest.delete(path(id), member.token());

        assertThat(r.status()).isEqualTo(204);
        assertError(rest.get(path(id), owner.token()), 404, 10008, "Unknown Message");
        var deletes = events.of(guild.id(), "MESSAGE_DELETE");
        assertThat(deletes).hasSize(1);
        assertThat(deletes.getFirst().channelId()).isEqualTo(Long.parseLong(guild.generalId()));
        assertThat(deletes.getFirst().d().path("id").asString()).isEqualTo(id);
        assertThat(deletes.getFirst().d().path("channel_id").asString()).isEqualTo(guild.generalId());
        assertThat(deletes.getFirst().d().path("guild_id").asString()).isEqualTo(guild.id());
    }

    @Test
    void aModeratorDeletesSomeoneElsesMessage() {
        String id = send(member, "moderate me");

        assertThat(rest.delete(path(id), owner.token()).status()).isEqualTo(204);
        assertError(rest.get(path(id), owner.token()), 404, 10008, "Unknown Message");
    }

    @Test
    void deletingSomeoneElsesMessageWithoutManageMessagesIsMissingPermissions() {
        String id = send(owner, "keep");

        assertError(rest.delete(path(id), member.token()), 403, 50013, "Missing Permissions");
        assertThat(rest.get(path(id), member.token()).json().path("content").asString()).isEqualTo("keep");
    }

    @Test
    void aMalformedMessageIdIsAFormError() {
        assertInvalidForm(rest.get(path("nope"), owner.token()), "NUMBER_TYPE_COERCE", "message_id");
    }
}
