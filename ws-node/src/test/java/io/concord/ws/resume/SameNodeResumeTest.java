package io.concord.ws.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.WsNode;
import io.concord.ws.support.GatewayClient;
import io.concord.common.test.ManualClock;
import io.concord.ws.support.TestNodes;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** RESUME on the node that still holds the session: replay from its buffer, then RESUMED, then live events. */
class SameNodeResumeTest {
    private static final int NODE_ID = 760;
    private static final ManualClock clock = ManualClock.now();
    private static final TestWorld world = new TestWorld(NODE_ID);
    private static final WebSocketClient ws = new WebSocketClient();
    private static WsNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNodes.start(NODE_ID, Map.of("WS_RESUME_WINDOW_SECONDS", "180"), clock);
        ws.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try (TestWorld w = world; WsNode n = node) {
            ws.stop();
        }
    }

    private record Session(GatewayClient client, String id, long seq) {}

    private static Session identified(long userId) throws Exception {
        GatewayClient client = GatewayClient.connect(ws, node.publicUrl());
        JsonNode ready = client.identify(world.token(userId), null);
        client.nextDispatch("GUILD_CREATE");
        return new Session(client, ready.path("d").path("session_id").asString(), 2);
    }

    private static void publish(TestGuild guild, String content) {
        world.publish(NODE_ID, new GuildEvent("MESSAGE_CREATE", guild.id(), guild.channelId(), List.of(),
                TestWorld.message(world.id(), guild.channelId(), guild.id(), guild.ownerId(), content)));
    }

    private static GatewayClient resume(String token, Object sessionId, Object seq) throws Exception {
        GatewayClient client = GatewayClient.connect(ws, node.publicUrl());
        assertThat(client.next().path("op").asInt()).isEqualTo(10);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("token", token);
        d.put("session_id", sessionId);
        d.put("seq", seq);
        client.send(6, d);
        return client;
    }

    private static String content(JsonNode frame) {
        return frame.path("d").path("content").asString();
    }

    @Test
    void resumeAfterADroppedConnectionReplaysExactlyTheMissedDispatchesThenResumedThenLive() throws Exception {
        long owner = world.user("dropper");
        TestGuild guild = world.guild(owner, "Flaky wifi");
        Session s = identified(owner);
        publish(guild, "seen 1");
        publish(guild, "seen 2");
        assertThat(content(s.client().nextDispatch("MESSAGE_CREATE"))).isEqualTo("seen 1");
        JsonNode last = s.client().nextDispatch("MESSAGE_CREATE");
        assertThat(content(last)).isEqualTo("seen 2");
        long seq = last.path("s").asLong();

        s.client().disconnect();
        NodeMetrics.awaitNoOpenSockets(node);
        publish(guild, "missed 1");
        publish(guild, "missed 2");

        // The seq as a string and the session id as sent: both forms are accepted.
        try (GatewayClient resumed = resume(world.token(owner), s.id(), Long.toString(seq))) {
            JsonNode m1 = resumed.nextDispatch("MESSAGE_CREATE");
            JsonNode m2 = resumed.nextDispatch("MESSAGE_CREATE");
            JsonNode done = resumed.nextDispatch("RESUMED");
            assertThat(List.of(content(m1), content(m2))).containsExactly("missed 1", "missed 2");
            assertThat(List.of(m1.path("s").asLong(), m2.path("s").asLong(), done.path("s").asLong()))
                    .containsExactly(seq + 1, seq + 2, seq + 3);

            publish(guild, "live");
            JsonNode live = resumed.nextDispatch("MESSAGE_CREATE");
            assertThat(content(live)).isEqualTo("live");
            assertThat(live.path("s").asLong()).isEqualTo(seq + 4);
        }
        assertThat(NodeMetrics.value(node, "gateway_resumes_total{result=\"ok_local\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void resumingWithAnOlderSeqReplaysFromThere() throws Exception {
        long owner = world.user("lagger");
        TestGuild guild = world.guild(owner, "Lagging");
        Session s = identified(owner);
        publish(guild, "a");
        publish(guild, "b");
        s.client().nextDispatch("MESSAGE_CREATE");
        s.client().nextDispatch("MESSAGE_CREATE");
        s.client().disconnect();
        NodeMetrics.awaitNoOpenSockets(node);

        // The client only processed GUILD_CREATE (s = 2): both messages come again.
        try (GatewayClient resumed = resume(world.token(owner), s.id(), 2)) {
            assertThat(content(resumed.nextDispatch("MESSAGE_CREATE"))).isEqualTo("a");
            assertThat(content(resumed.nextDispatch("MESSAGE_CREATE"))).isEqualTo("b");
            assertThat(resumed.nextDispatch("RESUMED").path("s").asLong()).isEqualTo(5);
        }
    }

    @Test
    void aSessionClosedWith1000CannotBeResumed() throws Exception {
        long owner = world.user("leaver");
        world.guild(owner, "Left properly");
        Session s = identified(owner);
        s.client().close();
        s.client().awaitClose();
        NodeMetrics.awaitNoOpenSockets(node);

        try (GatewayClient resumed = resume(world.token(owner), s.id(), s.seq())) {
            assertInvalidSession(resumed.next());
        }
    }

    @Test
    void aSessionPastTheResumeWindowCannotBeResumed() throws Exception {
        long owner = world.user("sleeper");
        world.guild(owner, "Long nap");
        Session s = identified(owner);
        s.client().disconnect();
        NodeMetrics.awaitNoOpenSockets(node);
        clock.advance(Duration.ofSeconds(181));

        try (GatewayClient resumed = resume(world.token(owner), s.id(), s.seq())) {
            assertInvalidSession(resumed.next());
        }
    }

    @Test
    void anUnknownSessionCannotBeResumed() throws Exception {
        long owner = world.user("stranger");
        double before = NodeMetrics.value(node, "gateway_resumes_total{result=\"unknown_session\"}");
        try (GatewayClient resumed = resume(world.token(owner), "0123456789abcdef0123456789abcdef", 3)) {
            assertInvalidSession(resumed.next());
        }
        assertThat(NodeMetrics.value(node, "gateway_resumes_total{result=\"unknown_session\"}")).isEqualTo(before + 1);
    }

    @Test
    void aSeqAheadOfWhatTheSessionWasSentCannotBeResumed() throws Exception {
        long owner = world.user("time traveller");
        world.guild(owner, "Future");
        Session s = identified(owner);
        s.client().disconnect();
        NodeMetrics.awaitNoOpenSockets(node);

        try (GatewayClient resumed = resume(world.token(owner), s.id(), 99)) {
            assertInvalidSession(resumed.next());
        }
    }

    @Test
    void aTokenOfAnotherUserClosesWith4004AndLeavesTheSessionResumableByItsOwner() throws Exception {
        long owner = world.user("victim");
        long thief = world.user("thief");
        TestGuild guild = world.guild(owner, "Guarded");
        Session s = identified(owner);
        s.client().disconnect();
        NodeMetrics.awaitNoOpenSockets(node);

        try (GatewayClient foreign = resume(world.token(thief), s.id(), s.seq())) {
            assertThat(foreign.awaitClose().code()).isEqualTo(4004);
        }
        publish(guild, "still mine");
        try (GatewayClient resumed = resume(world.token(owner), s.id(), s.seq())) {
            assertThat(content(resumed.nextDispatch("MESSAGE_CREATE"))).isEqualTo("still mine");
            resumed.nextDispatch("RESUMED");
        }
    }

    @Test
    void aResumeWithAnInvalidTokenClosesWith4004() throws Exception {
        try (GatewayClient resumed = resume("not-a-token", "0123456789abcdef0123456789abcdef", 3)) {
            assertThat(resumed.awaitClose().code()).isEqualTo(4004);
        }
    }

    @Test
    void aMalformedSeqClosesWith4002() throws Exception {
        long owner = world.user("garbler");
        try (GatewayClient resumed = resume(world.token(owner), "0123456789abcdef0123456789abcdef", "three")) {
            assertThat(resumed.awaitClose().code()).isEqualTo(4002);
        }
    }

    private static void assertInvalidSession(JsonNode frame) {
        assertThat(frame.path("op").asInt()).as("op of " + frame).isEqualTo(9);
        assertThat(frame.path("d").asBoolean(true)).isFalse();
    }
}
