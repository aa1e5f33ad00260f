package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static io.concord.api.DiscordErrors.assertInvalidFormAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The ack routes on their own (no readstate-worker): what they accept and refuse, the state they
 * leave (read back through GET /users/@me/read-states, Redis's hot copy) and the MESSAGE_ACK they
 * publish for the acking user only.
 */
class ReadStateAckTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(160);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = new GuildEvents();
    private Accounts.User owner;
    private Accounts.User member;
    private Accounts.Guild guild;

    @AfterAll
    static void close() {
        events.close();
    }

    @BeforeEach
    void newGuild() {
        var g = accounts.guildWithMember();
        owner = g.owner();
        member = g.member();
        guild = g.guild();
    }

    @Test
    void anAckAnswersANullTokenMovesTheCursorAndTellsOnlyTheUser() {
        String m = messageId(accounts.send(owner, guild.generalId(), "hello"));
        GuildEvents.Mark mark = events.mark(guild.id());

        Response r = rest.postRaw("/channels/" + guild.generalId() + "/messages/" + m + "/ack", member.token(), "{\"token\":null}");

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().has("token")).isTrue();
        assertThat(r.json().path("token").isNull()).isTrue();
        JsonNode entry = entry(member, guild.generalId()).orElseThrow();
        assertThat(entry.path("last_message_id").asString()).isEqualTo(m);
        assertThat(entry.path("mention_count").asInt()).isZero();
        List<GuildEvents.Event> acks = events.since(mark, "MESSAGE_ACK");
        assertThat(acks).hasSize(1);
        GuildEvents.Event ack = acks.getFirst();
        assertThat(ack.userIds()).containsExactly(Long.parseLong(member.id()));
        assertThat(ack.channelId()).isEqualTo(Long.parseLong(guild.generalId()));
        assertThat(ack.d().path("channel_id").asString()).isEqualTo(guild.generalId());
        assertThat(ack.d().path("message_id").asString()).isEqualTo(m);
        assertThat(ack.d().path("version").asLong()).isEqualTo(readStates(member).path("version").asLong());
        assertThat(ack.d().has("manual")).isFalse();
    }

    @Test
    void everyAckRaisesTheVersionAndTheLatestAckWinsEvenBackwards() {
        String first = messageId(accounts.send(owner, guild.generalId(), "one"));
        String second = messageId(accounts.send(owner, guild.generalId(), "two"));
        ack(member, guild.generalId(), second, Map.of());
        long v1 = readStates(member).path("version").asLong();

        ack(member, guild.generalId(), first, Map.of("manual", true, "mention_count", 3));

        JsonNode after = readStates(member);
        assertThat(after.path("version").asLong()).isGreaterThan(v1);
        JsonNode entry = entry(member, guild.generalId()).orElseThrow();
        assertThat(entry.path("last_message_id").asString()).isEqualTo(first);
        assertThat(entry.path("mention_count").asInt()).isEqualTo(3);
    }

    @Test
    void aManualAckCarriesManualAndItsMentionCountInMessageAck() {
        String m = messageId(accounts.send(owner, guild.generalId(), "hello"));
        GuildEvents.Mark mark = events.mark(guild.id());

        ack(member, guild.generalId(), m, Map.of("manual", true, "mention_count", 2, "token", "ignored", "last_viewed", 4000));

        GuildEvents.Event ack = events.since(mark, "MESSAGE_ACK").getFirst();
        assertThat(ack.d().path("manual").asBoolean()).isTrue();
        assertThat(ack.d().path("mention_count").asInt()).isEqualTo(2);
    }

    @Test
    void markUnreadMovesTheCursorBackToNothingRead() {
        String m = messageId(accounts.send(owner, guild.generalId(), "hello"));
        ack(member, guild.generalId(), m, Map.of());
        long before = readStates(member).path("version").asLong();
        GuildEvents.Mark mark = events.mark(guild.id());

        Response r = rest.delete("/channels/" + guild.generalId() + "/messages/ack", member.token());

        assertThat(r.status()).as("%s", r).isEqualTo(204);
        JsonNode entry = entry(member, guild.generalId()).orElseThrow();
        assertThat(entry.path("last_message_id").asString()).isEqualTo("0");
        assertThat(readStates(member).path("version").asLong()).isGreaterThan(before);
        GuildEvents.Event ack = events.since(mark, "MESSAGE_ACK").getFirst();
        assertThat(ack.userIds()).containsExactly(Long.parseLong(member.id()));
        assertThat(ack.d().has("message_id")).isFalse();
    }

    @Test
    void anAckInAChannelTheUserCannotViewIsMissingAccessAndChangesNothing() {
        String hidden = accounts.channelDenyingEveryone(owner, guild, Permission.VIEW_CHANNEL);
        String m = messageId(accounts.send(owner, hidden, "secret"));
        GuildEvents.Mark mark = events.mark(guild.id());

        assertError(rest.post("/channels/" + hidden + "/messages/" + m + "/ack", member.token(), Map.of()), 403, 50001, "Missing Access");
        assertError(rest.delete("/channels/" + hidden + "/messages/ack", member.token()), 403, 50001, "Missing Access");
        assertError(rest.post("/channels/" + hidden + "/messages/" + m + "/ack", accounts.register().token(), Map.of()), 403, 50001,
                "Missing Access");

        assertThat(entry(member, hidden)).isEmpty();
        assertThat(events.since(mark, "MESSAGE_ACK")).isEmpty();
    }

    @Test
    void unknownChannelsAndUnknownOrForeignMessagesAreNotFoundAndChangeNothing() {
        String other = accounts.createGuild(owner).generalId();
        String foreign = messageId(accounts.send(owner, other, "elsewhere"));
        GuildEvents.Mark mark = events.mark(guild.id());

        assertError(rest.post("/channels/4242/messages/4243/ack", member.token(), Map.of()), 404, 10003, "Unknown Channel");
        assertError(rest.post("/channels/" + guild.generalId() + "/messages/4243/ack", member.token(), Map.of()), 404, 10008,
                "Unknown Message");
        assertError(rest.post("/channels/" + guild.generalId() + "/messages/" + foreign + "/ack", member.token(), Map.of()), 404, 10008,
                "Unknown Message");

        assertThat(entry(member, guild.generalId())).isEmpty();
        assertThat(events.since(mark, "MESSAGE_ACK")).isEmpty();
    }

    @Test
    void malformedIdsAndFieldsAreInvalidFormBodies() {
        String m = messageId(accounts.send(owner, guild.generalId(), "hello"));

        assertInvalidFormAt(rest.post("/channels/nope/messages/" + m + "/ack", member.token(), Map.of()), "channel_id");
        assertInvalidFormAt(rest.post("/channels/" + guild.generalId() + "/messages/nope/ack", member.token(), Map.of()), "message_id");
        assertInvalidFormAt(rest.post("/channels/" + guild.generalId() + "/messages/" + m + "/ack", member.token(), Map.of("manual", "yes")),
                "manual");
        assertInvalidFormAt(rest.post("/channels/" + guild.generalId() + "/messages/" + m + "/ack", member.token(),
                Map.of("manual", true, "mention_count", -1)), "mention_count");

        assertThat(entry(member, guild.generalId())).isEmpty();
    }

    @Test
    void ackBulkAcksEveryChannel() {
        String second = accounts.channelDenyingEveryone(owner, guild, Permission.ADD_REACTIONS);
        String a = messageId(accounts.send(owner, guild.generalId(), "a"));
        String b = messageId(accounts.send(owner, second, "b"));

        Response r = rest.post("/read-states/ack-bulk", member.token(), Map.of("read_states", List.of(
                Map.of("channel_id", guild.generalId(), "message_id", a, "read_state_type", 0),
                Map.of("channel_id", second, "message_id", b))));

        assertThat(r.status()).as("%s", r).isEqualTo(204);
        assertThat(entry(member, guild.generalId()).orElseThrow().path("last_message_id").asString()).isEqualTo(a);
        assertThat(entry(member, second).orElseThrow().path("last_message_id").asString()).isEqualTo(b);
    }

    @Test
    void ackBulkWithOneBadEntryChangesNothing() {
        String hidden = accounts.channelDenyingEveryone(owner, guild, Permission.VIEW_CHANNEL);
        String a = messageId(accounts.send(owner, guild.generalId(), "a"));
        String secret = messageId(accounts.send(owner, hidden, "secret"));

        assertError(rest.post("/read-states/ack-bulk", member.token(), Map.of("read_states", List.of(
                Map.of("channel_id", guild.generalId(), "message_id", a),
                Map.of("channel_id", hidden, "message_id", secret)))), 403, 50001, "Missing Access");
        assertError(rest.post("/read-states/ack-bulk", member.token(), Map.of("read_states", List.of(
                Map.of("channel_id", guild.generalId(), "message_id", a),
                Map.of("channel_id", guild.generalId(), "message_id", "4243")))), 404, 10008, "Unknown Message");

        assertThat(entry(member, guild.generalId())).isEmpty();
    }

    @Test
    void ackBulkValidatesItsBody() {
        String a = messageId(accounts.send(owner, guild.generalId(), "a"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) tooMany.add(Map.of("channel_id", guild.generalId(), "message_id", a));

        assertInvalidFormAt(rest.post("/read-states/ack-bulk", member.token(), Map.of()), "read_states");
        assertInvalidFormAt(rest.post("/read-states/ack-bulk", member.token(), Map.of("read_states", List.of())), "read_states");
        assertInvalidFormAt(rest.post("/read-states/ack-bulk", member.token(), Map.of("read_states", tooMany)), "read_states");
        assertInvalidForm(rest.post("/read-states/ack-bulk", member.token(), Map.of("read_states", List.of(
                Map.of("channel_id", "x", "message_id", a), Map.of("channel_id", guild.generalId(), "message_id", "y")))),
                "NUMBER_TYPE_COERCE", "read_states.0.channel_id", "read_states.1.message_id");
        assertInvalidFormAt(rest.post("/read-states/ack-bulk", member.token(), Map.of("read_states", List.of(
                Map.of("channel_id", guild.generalId(), "message_id", a, "read_state_type", 7)))), "read_states.0.read_state_type");

        assertThat(entry(member, guild.generalId())).isEmpty();
    }

    private static void ack(Accounts.User user, String channel, String message, Map<String, Object> body) {
        Response r = rest.post("/channels/" + channel + "/messages/" + message + "/ack", user.token(), body);
        assertThat(r.status()).as("ack: %s", r).isEqualTo(200);
    }

    private static String messageId(Response sent) {
        assertThat(sent.status()).as("send: %s", sent).isEqualTo(200);
        return sent.json().path("id").asString();
    }

    private static JsonNode readStates(Accounts.User user) {
        Response r = rest.get("/users/@me/read-states", user.token());
        assertThat(r.status()).as("read states: %s", r).isEqualTo(200);
        assertThat(r.json().path("partial").asBoolean(true)).isFalse();
        return r.json();
    }

    private static Optional<JsonNode> entry(Accounts.User user, String channelId) {
        for (JsonNode e : readStates(user).path("entries")) {
            if (e.path("id").asString().equals(channelId)) return Optional.of(e);
        }
        return Optional.empty();
    }
}
