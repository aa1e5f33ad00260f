package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class ReplyTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(132);
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

    private String messages() {
        return "/channels/" + guild.generalId() + "/messages";
    }

    private Response reply(Accounts.User author, String channelId, Map<String, Object> reference, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.put("content", "a reply");
        body.put("message_reference", reference);
        return rest.post("/channels/" + channelId + "/messages", author.token(), body);
    }

    private static List<String> mentionIds(JsonNode message) {
        List<String> ids = new java.util.ArrayList<>();
        message.path("mentions").forEach(u -> ids.add(u.path("id").asString()));
        return ids;
    }

    @Test
    void aReplyIsType19WithItsReferenceAndTheOriginalAndPingsTheRepliedUser() {
        String original = accounts.send(owner, guild.generalId(), "question").json().path("id").asString();

        Response r = reply(member, guild.generalId(), Map.of("message_id", original), Map.of());

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("type").asInt()).isEqualTo(19);
        JsonNode ref = r.json().path("message_reference");
        assertThat(ref.path("type").asInt(-1)).isZero();
        assertThat(ref.path("message_id").asString()).isEqualTo(original);
        assertThat(ref.path("channel_id").asString()).isEqualTo(guild.generalId());
        assertThat(ref.path("guild_id").asString()).isEqualTo(guild.id());
        assertThat(r.json().path("referenced_message").path("id").asString()).isEqualTo(original);
        assertThat(r.json().path("referenced_message").path("content").asString()).isEqualTo("question");
        assertThat(mentionIds(r.json())).containsExactly(owner.id());

        var created = events.of(guild.id(), "MESSAGE_CREATE").getLast();
        assertThat(created.d().path("type").asInt()).isEqualTo(19);
        assertThat(created.d().path("referenced_message").path("id").asString()).isEqualTo(original);
        assertThat(rest.get(messages() + "/" + r.json().path("id").asString(), owner.token()).json()
                .path("referenced_message").path("author").path("id").asString()).isEqualTo(owner.id());
    }

    @Test
    void allowedMentionsWithoutRepliedUserDoesNotPingTheRepliedUser() {
        String original = accounts.send(owner, guild.generalId(), "question").json().path("id").asString();

        Response quiet = reply(member, guild.generalId(), Map.of("message_id", original), Map.of("allowed_mentions", Map.of("parse", List.of())));
        Response loud = reply(member, guild.generalId(), Map.of("message_id", original),
                Map.of("allowed_mentions", Map.of("parse", List.of(), "replied_user", true)));

        assertThat(mentionIds(quiet.json())).isEmpty();
        assertThat(mentionIds(loud.json())).containsExactly(owner.id());
    }

    @Test
    void aReplyToADeletedMessageShowsNullAsTheOriginal() {
        String original = accounts.send(member, guild.generalId(), "soon gone").json().path("id").asString();
        String replyId = reply(owner, guild.generalId(), Map.of("message_id", original), Map.of()).json().path("id").asString();

        rest.delete(messages() + "/" + original, member.token());

        Response r = rest.get(messages() + "/" + replyId, owner.token());
        assertThat(r.json().has("referenced_message")).isTrue();
        assertThat(r.json().path("referenced_message").isNull()).isTrue();
        assertThat(r.json().path("message_reference").path("message_id").asString()).isEqualTo(original);
    }

    @Test
    void anUnknownReferenceIsRefusedUnlessFailIfNotExistsIsFalse() {
        String unknown = Long.toString((System.currentTimeMillis() - 1420070400000L) << 22);

        assertInvalidForm(reply(member, guild.generalId(), Map.of("message_id", unknown), Map.of()),
                "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "message_reference");
        Response normal = reply(member, guild.generalId(), Map.of("message_id", unknown, "fail_if_not_exists", false), Map.of());

        assertThat(normal.status()).isEqualTo(200);
        assertThat(normal.json().path("type").asInt()).isZero();
        assertThat(normal.json().has("message_reference")).isFalse();
        assertThat(rest.get(messages() + "?limit=10", owner.token()).json().size()).isEqualTo(1);
    }

    @Test
    void aReferenceIntoAnotherChannelIsRefused() {
        String other = accounts.channelDenyingEveryone(owner, guild, 0);
        String elsewhere = accounts.send(owner, other, "elsewhere").json().path("id").asString();

        assertInvalidForm(reply(member, guild.generalId(), Map.of("message_id", elsewhere), Map.of()),
                "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "message_reference");
        assertInvalidForm(reply(member, guild.generalId(), Map.of("message_id", elsewhere, "channel_id", other), Map.of()),
                "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "message_reference");
    }

    @Test
    void aMalformedReferenceIsAFormError() {
        assertInvalidForm(reply(member, guild.generalId(), Map.of("message_id", "abc"), Map.of()), "NUMBER_TYPE_COERCE",
                "message_reference.message_id");
        assertInvalidForm(reply(member, guild.generalId(), Map.of("channel_id", guild.generalId()), Map.of()), "BASE_TYPE_REQUIRED",
                "message_reference.message_id");
    }

    @Test
    void replyingNeedsReadMessageHistory() {
        String channel = accounts.channelDenyingEveryone(owner, guild, Permission.READ_MESSAGE_HISTORY);
        String original = accounts.send(owner, channel, "q").json().path("id").asString();

        assertError(reply(member, channel, Map.of("message_id", original), Map.of()), 403, 50013, "Missing Permissions");
    }
}
