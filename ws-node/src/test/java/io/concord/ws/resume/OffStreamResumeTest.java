package io.concord.ws.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.WsNode;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestNodes;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Dispatches that are in no guild stream (an op 8 answer, RESUMED itself) cannot be rebuilt on another
 * node, yet they are numbered: a node that dies right after sending one must leave a checkpoint that
 * counts it, or the next resume elsewhere numbers the rest wrong and loses an event.
 */
class OffStreamResumeTest {
    @RegisterExtension
    static final TwoNodes nodes = new TwoNodes(769, 770);
    private static final TestWorld world = nodes.world;
    private static final WebSocketClient ws = nodes.ws;
    private static final StreamFanout fanout = nodes.fanout;

    @Test
    void aResumeElsewhereRightAfterAMemberChunkGetsTheNextMessage() throws Exception {
        long owner = world.user("chunked");
        TestGuild guild = world.guild(owner, "Members please");
        // A node whose periodic checkpoint pass never comes: only a write-ahead can count the chunk.
        try (WsNode holder = TestNodes.start(771, Map.of("WS_CHECKPOINT_INTERVAL_MS", "60000"), Clock.systemUTC())) {
            GatewayClient client = GatewayClient.connect(ws, holder.publicUrl());
            String sessionId = client.identify(world.token(owner), null).path("d").path("session_id").asString();
            client.nextDispatch("GUILD_CREATE");
            publish(guild, 1);
            client.nextDispatch("MESSAGE_CREATE");

            client.send(8, Map.of("guild_id", Long.toString(guild.id()), "user_ids", List.of(Long.toString(owner))));
            long seq = client.nextDispatch("GUILD_MEMBERS_CHUNK").path("s").asLong();
            holder.halt();
            publish(guild, 2);

            try (GatewayClient resumed = resume(nodes.second(), owner, sessionId, seq)) {
                assertNextMessage(resumed, "m2", seq + 1);
            }
            client.close();
        }
    }

    @Test
    void aSecondResumeElsewhereRightAfterTheFirstCountsItsResumed() throws Exception {
        long owner = world.user("twice moved");
        TestGuild guild = world.guild(owner, "Rolling");
        GatewayClient client = GatewayClient.connect(ws, nodes.first().publicUrl());
        String sessionId = client.identify(world.token(owner), null).path("d").path("session_id").asString();
        client.nextDispatch("GUILD_CREATE");
        publish(guild, 1);
        long seq = client.nextDispatch("MESSAGE_CREATE").path("s").asLong();
        Checkpoints.awaitAtLeast(world.redis, sessionId, seq);
        nodes.first().halt();

        // Its periodic checkpoint pass never comes before it is killed: only a write-ahead can count RESUMED.
        try (WsNode third = TestNodes.start(772, Map.of("WS_CHECKPOINT_INTERVAL_MS", "60000"), Clock.systemUTC());
             WsNode fourth = TestNodes.start(773)) {
            GatewayClient moved = GatewayClient.connect(ws, third.publicUrl());
            assertThat(moved.next().path("op").asInt()).isEqualTo(10);
            moved.send(6, Map.of("token", world.token(owner), "session_id", sessionId, "seq", seq));
            seq = moved.nextDispatch("RESUMED").path("s").asLong();
            // Killed before its once-a-second checkpoint pass could run.
            third.halt();
            publish(guild, 2);

            try (GatewayClient again = resume(fourth, owner, sessionId, seq)) {
                assertNextMessage(again, "m2", seq + 1);
            }
            moved.close();
        }
        client.close();
    }

    private static GatewayClient resume(WsNode node, long owner, String sessionId, long seq) throws Exception {
        GatewayClient client = GatewayClient.connect(ws, node.publicUrl());
        assertThat(client.next().path("op").asInt()).isEqualTo(10);
        client.send(6, Map.of("token", world.token(owner), "session_id", sessionId, "seq", seq));
        return client;
    }

    private static void assertNextMessage(GatewayClient client, String content, long seq) throws Exception {
        JsonNode m = client.nextDispatch("MESSAGE_CREATE");
        assertThat(m.path("d").path("content").asString()).isEqualTo(content);
        assertThat(m.path("s").asLong()).isEqualTo(seq);
        assertThat(client.nextDispatch("RESUMED").path("s").asLong()).isEqualTo(seq + 1);
    }

    private static void publish(TestGuild guild, int n) {
        fanout.publish(new GuildEvent("MESSAGE_CREATE", guild.id(), guild.channelId(), List.of(),
                TestWorld.message(world.id(), guild.channelId(), guild.id(), guild.ownerId(), "m" + n)));
    }
}
