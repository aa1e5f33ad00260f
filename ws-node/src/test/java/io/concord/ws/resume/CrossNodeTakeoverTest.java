package io.concord.ws.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** A session resumed on another node while its first node is alive: the first node drops its copy and its registrations. */
class CrossNodeTakeoverTest {
    private static final int FIRST_NODE = 763;
    private static final int SECOND_NODE = 764;
    @RegisterExtension
    static final TwoNodes nodes = new TwoNodes(FIRST_NODE, SECOND_NODE);
    private static final TestWorld world = nodes.world;
    private static final WebSocketClient ws = nodes.ws;
    private static final StreamFanout fanout = nodes.fanout;

    @Test
    void theFirstNodeLetsGoOfASessionResumedElsewhereAndTheSessionMovesOnce() throws Exception {
        long owner = world.user("mover");
        TestGuild guild = world.guild(owner, "Moving day");
        GatewayClient client = GatewayClient.connect(ws, nodes.first().publicUrl());
        String sessionId = client.identify(world.token(owner), null).path("d").path("session_id").asString();
        client.nextDispatch("GUILD_CREATE");
        fanout.publish(message(guild, "before"));
        JsonNode before = client.nextDispatch("MESSAGE_CREATE");
        Checkpoints.awaitAtLeast(world.redis, sessionId, before.path("s").asLong());
        client.disconnect();
        NodeMetrics.awaitNoOpenSockets(nodes.first());
        fanout.publish(message(guild, "while away"));

        try (GatewayClient resumed = GatewayClient.connect(ws, nodes.second().publicUrl())) {
            assertThat(resumed.next().path("op").asInt()).isEqualTo(10);
            resumed.send(6, Map.of("token", world.token(owner), "session_id", sessionId, "seq", before.path("s").asLong()));
            assertThat(resumed.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("while away");
            resumed.nextDispatch("RESUMED");

            // The first node's next checkpoint write is refused: it ends its copy and unregisters.
            awaitNoRegistration(owner, FIRST_NODE);
            assertThat(world.redis.hget(SessionStore.key(sessionId), "node")).isEqualTo(Integer.toString(SECOND_NODE));

        }
    }

    @Test
    void aGuildJoinedWhileAwayIsRebuiltAsItsGuildCreateFollowedByItsEvents() throws Exception {
        long owner = world.user("host");
        long joiner = world.user("joiner");
        TestGuild home = world.guild(joiner, "Home");
        TestGuild joined = world.guild(owner, "Joined while away");
        GatewayClient client = GatewayClient.connect(ws, nodes.first().publicUrl());
        String sessionId = client.identify(world.token(joiner), null).path("d").path("session_id").asString();
        long seq = client.nextDispatch("GUILD_CREATE").path("s").asLong();
        Checkpoints.awaitAtLeast(world.redis, sessionId, seq);
        client.disconnect();
        NodeMetrics.awaitNoOpenSockets(nodes.first());

        fanout.publish(message(joined, "before the join"));
        world.join(joined.id(), joiner);
        fanout.publish(new GuildEvent("GUILD_MEMBER_ADD", joined.id(), 0, List.of(joiner), """
                {"guild_id":"%d","user":{"id":"%d","username":"joiner","discriminator":"0"},"roles":[],                "joined_at":"2026-01-01T00:00:00.000000+00:00","deaf":false,"mute":false}""".formatted(joined.id(), joiner)));
        fanout.publish(message(joined, "after the join"));
        fanout.publish(message(home, "at home"));

        try (GatewayClient resumed = GatewayClient.connect(ws, nodes.second().publicUrl())) {
            assertThat(resumed.next().path("op").asInt()).isEqualTo(10);
            resumed.send(6, Map.of("token", world.token(joiner), "session_id", sessionId, "seq", seq));
            // The two guilds may sit in different stream partitions, whose relative order the rebuild takes
            // from the entry ids (equal within a millisecond); within a guild the order is the stream's.
            List<String> next = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                JsonNode frame = resumed.next();
                assertThat(frame.path("s").asLong()).isEqualTo(seq + 1 + i);
                String t = frame.path("t").asString();
                if (t.equals("GUILD_CREATE")) assertThat(frame.path("d").path("id").asString()).isEqualTo(Long.toString(joined.id()));
                next.add(t + " " + frame.path("d").path("content").asString(""));
            }
            assertThat(next).containsExactlyInAnyOrder("GUILD_CREATE ", "GUILD_MEMBER_ADD ", "MESSAGE_CREATE after the join",
                    "MESSAGE_CREATE at home");
            assertThat(next.indexOf("GUILD_CREATE ")).isLessThan(next.indexOf("GUILD_MEMBER_ADD "));
            assertThat(next.indexOf("GUILD_MEMBER_ADD ")).isLessThan(next.indexOf("MESSAGE_CREATE after the join"));
            assertThat(resumed.nextDispatch("RESUMED").path("s").asLong()).isEqualTo(seq + 5);

            // The second node now relays the joined guild's events live.
            fanout.publish(message(joined, "live"));
            JsonNode live = resumed.nextDispatch("MESSAGE_CREATE");
            assertThat(live.path("d").path("content").asString()).isEqualTo("live");
            assertThat(live.path("s").asLong()).isEqualTo(seq + 6);
        }
    }

    private static GuildEvent message(TestGuild guild, String content) {
        return new GuildEvent("MESSAGE_CREATE", guild.id(), guild.channelId(), List.of(),
                TestWorld.message(world.id(), guild.channelId(), guild.id(), guild.ownerId(), content));
    }

    private static void awaitNoRegistration(long userId, int nodeId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (world.redis.hget("user-nodes:" + userId, Integer.toString(nodeId)) != null) {
            assertThat(System.nanoTime()).as("node " + nodeId + " to drop the session").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
