package io.concord.acceptance;

import static io.concord.acceptance.ReadStateWorld.entryIn;
import static io.concord.acceptance.ReadStateWorld.mentions;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.permission.Permission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Read states end to end on the real stack (api-node, ws-node, fanout-worker, readstate-worker):
 * server-authoritative mention counts for each mention kind and permission case, the badges after
 * ack, mark-unread, an own message, edits and deletes, MESSAGE_ACK on the user's other sessions only, and
 * READY's read_state. Negatives are proven by order: a later mention in the same guild (same stream
 * partition, handled in order) is counted first, then the earlier ones are checked.
 */
class ReadStateTest {
    private static Stack stack;
    private static ReadStateWorld world;
    private static ReadStateWorld.User owner;
    private static ReadStateWorld.User a;
    private static ReadStateWorld.User b;
    private static ReadStateWorld.User c;
    private static String guild;
    private static String role;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack(960, 961);
        world = new ReadStateWorld(stack.rest());
        owner = world.user("owner");
        a = world.user("alice");
        b = world.user("bob");
        c = world.user("carol");
        guild = world.guild(owner);
        String lobby = world.textChannel(owner, guild, "[]");
        for (ReadStateWorld.User u : new ReadStateWorld.User[] {a, b, c}) world.join(owner, lobby, u);
        role = world.role(owner, guild, b);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) stack.close();
    }

    @Test
    void eachMentionKindCountsOncePerMessageForTheMembersItConcernsButNeverTheAuthor() throws Exception {
        String ch = world.textChannel(owner, guild, "[]");
        world.send(owner, ch, "<@" + a.id() + ">");
        world.send(owner, ch, "@everyone");
        world.send(owner, ch, "<@&" + role + ">");
        world.send(owner, ch, "<@" + a.id() + "> <@&" + role + "> @everyone");
        String last = world.send(owner, ch, "@here");

        world.awaitMentions(c, ch, 3); // @everyone, the combined one, @here
        assertThat(mentions(world.entry(a, ch))).as("a: direct, @everyone, combined once, @here").isEqualTo(4);
        assertThat(mentions(world.entry(b, ch))).as("b: @everyone, role, combined once, @here").isEqualTo(4);
        JsonNode own = world.awaitEntry(owner, ch, "the author's own message acked", e -> e.path("last_message_id").asString().equals(last));
        assertThat(own.path("mention_count").asInt()).as("own messages never count").isZero();
    }

    @Test
    void everyoneFromAnAuthorWithoutMentionEveryoneCountsForNobody() throws Exception {
        String ch = world.textChannel(owner, guild, "[{\"id\":\"" + guild + "\",\"type\":0,\"allow\":\"0\",\"deny\":\""
                + Permission.MENTION_EVERYONE + "\"}]");
        world.send(a, ch, "@everyone @here look");
        world.send(owner, ch, "<@" + b.id() + ">");

        world.awaitMentions(b, ch, 1);
        assertThat(mentions(world.entry(c, ch))).isZero();
        assertThat(mentions(world.entry(b, ch))).isEqualTo(1);
    }

    @Test
    void mentionsInAChannelTheUserCannotViewNeverCount() throws Exception {
        String hidden = world.textChannel(owner, guild, "[{\"id\":\"" + guild + "\",\"type\":0,\"allow\":\"0\",\"deny\":\""
                + Permission.VIEW_CHANNEL + "\"},{\"id\":\"" + role + "\",\"type\":0,\"allow\":\"" + Permission.VIEW_CHANNEL + "\",\"deny\":\"0\"}]");
        world.send(owner, hidden, "@everyone <@" + a.id() + "> <@" + c.id() + ">");
        world.send(owner, hidden, "<@" + b.id() + ">");

        world.awaitMentions(b, hidden, 2);
        assertThat(world.entry(a, hidden)).as("a cannot view the channel").isEmpty();
        assertThat(world.entry(c, hidden)).as("c cannot view the channel").isEmpty();
    }

    @Test
    void badgesFollowAcksOwnMessagesMarkUnreadAndDeletes() throws Exception {
        String ch = world.textChannel(owner, guild, "[]");
        world.send(owner, ch, "<@" + a.id() + ">");
        String everyone = world.send(owner, ch, "@everyone");
        world.awaitMentions(a, ch, 2);

        world.ack(a, ch, everyone);
        JsonNode read = world.entry(a, ch).orElseThrow();
        assertThat(read.path("last_message_id").asString()).isEqualTo(everyone);
        assertThat(read.path("mention_count").asInt()).isZero();

        String direct = world.send(owner, ch, "again <@" + a.id() + ">");
        JsonNode unread = world.awaitMentions(a, ch, 1);
        assertThat(Long.parseLong(direct)).as("unread: the channel's last message is past the cursor")
                .isGreaterThan(Long.parseLong(unread.path("last_message_id").asString()));

        String reply = world.send(a, ch, "seen");
        JsonNode own = world.awaitEntry(a, ch, "a's own message acks the channel", e -> e.path("last_message_id").asString().equals(reply));
        assertThat(own.path("mention_count").asInt()).isZero();

        world.markUnread(a, ch);
        JsonNode marked = world.entry(a, ch).orElseThrow();
        assertThat(marked.path("last_message_id").asString()).isEqualTo("0");
        assertThat(marked.path("mention_count").asInt()).as("every mention since a joined").isEqualTo(3);

        world.delete(owner, ch, direct);
        world.awaitMentions(a, ch, 2);
        world.delete(owner, ch, everyone);
        world.awaitMentions(a, ch, 1);
    }

    @Test
    void anEditReplacesTheMentionsOfItsMessage() throws Exception {
        String ch = world.textChannel(owner, guild, "[]");
        String m = world.send(owner, ch, "<@" + a.id() + ">");
        world.awaitMentions(a, ch, 1);

        world.edit(owner, ch, m, "<@" + b.id() + ">");
        world.awaitMentions(b, ch, 1);
        assertThat(mentions(world.entry(a, ch))).isZero();

        world.edit(owner, ch, m, "@everyone");
        world.awaitMentions(c, ch, 1);
        assertThat(mentions(world.entry(a, ch))).isEqualTo(1);
        assertThat(mentions(world.entry(b, ch))).isEqualTo(1);
    }

    @Test
    void anAckReachesTheUsersOtherSessionsOnlyAndReadyCarriesTheReadState() throws Exception {
        String ch = world.textChannel(owner, guild, "[]");
        String m = world.send(owner, ch, "<@" + a.id() + "> <@" + b.id() + ">");
        world.awaitMentions(a, ch, 1);
        try (GatewayClient a1 = new GatewayClient(stack.ws.publicUrl());
             GatewayClient a2 = new GatewayClient(stack.ws.publicUrl());
             GatewayClient b1 = new GatewayClient(stack.ws.publicUrl())) {
            a1.identify(a.token());
            a2.identify(a.token());
            b1.identify(b.token());
            JsonNode ready = a1.awaitDispatch("READY");
            a2.awaitDispatch("READY");
            b1.awaitDispatch("READY");
            JsonNode before = entryIn(ready.path("d").path("read_state"), ch).orElseThrow();
            assertThat(before.path("mention_count").asInt()).isEqualTo(1);
            assertThat(ready.path("d").path("read_state").path("partial").asBoolean(true)).isFalse();

            world.ack(a, ch, m);

            for (GatewayClient session : new GatewayClient[] {a1, a2}) {
                JsonNode ack = session.awaitDispatch("MESSAGE_ACK").path("d");
                assertThat(ack.path("channel_id").asString()).isEqualTo(ch);
                assertThat(ack.path("message_id").asString()).isEqualTo(m);
                assertThat(ack.path("version").asLong()).isPositive();
                assertThat(ack.path("mention_count").asInt()).isZero();
            }
            // b's first MESSAGE_ACK is b's own: a's never reached b's session.
            String other = world.send(owner, ch, "for b");
            world.ack(b, ch, other);
            assertThat(b1.awaitDispatch("MESSAGE_ACK").path("d").path("message_id").asString()).isEqualTo(other);
        }
        try (GatewayClient again = new GatewayClient(stack.ws.publicUrl())) {
            again.identify(a.token());
            JsonNode readState = again.awaitDispatch("READY").path("d").path("read_state");
            JsonNode entry = entryIn(readState, ch).orElseThrow();
            assertThat(entry.path("last_message_id").asString()).isEqualTo(m);
            assertThat(entry.path("mention_count").asInt()).isZero();
            assertThat(readState.path("version").asLong()).isEqualTo(world.readStates(a).path("version").asLong());
        }
    }
}
