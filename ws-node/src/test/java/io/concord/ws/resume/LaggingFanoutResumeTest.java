package io.concord.ws.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A cross-node resume while the fanout is behind: the rebuild reads the guild streams, which hold
 * entries the fanout has not copied to any node yet. When it catches up, the new node gets its copies
 * of them, and the resumed session must not see them twice.
 */
class LaggingFanoutResumeTest {
    @RegisterExtension
    static final TwoNodes nodes = new TwoNodes(767, 768);
    private static final TestWorld world = nodes.world;
    private static final WebSocketClient ws = nodes.ws;
    private static final StreamFanout fanout = nodes.fanout;

    @Test
    void aLateFanoutCopyOfAnEventTheRebuildAlreadySentIsNotDeliveredAgain() throws Exception {
        long owner = world.user("lagging fanout");
        TestGuild guild = world.guild(owner, "Behind");
        GatewayClient client = GatewayClient.connect(ws, nodes.first().publicUrl());
        String sessionId = client.identify(world.token(owner), null).path("d").path("session_id").asString();
        client.nextDispatch("GUILD_CREATE");
        List<Integer> received = new ArrayList<>();
        fanout.publish(message(guild, 1));
        long seq = readMessages(client, received, 1, 2);
        Checkpoints.awaitAtLeast(world.redis, sessionId, seq);
        nodes.first().halt();
        // In the guild stream, but the fanout has not copied them anywhere yet.
        List<StreamFanout.Appended> behind = new ArrayList<>();
        for (int n = 2; n <= 4; n++) behind.add(fanout.append(message(guild, n)));

        GatewayClient resumed = GatewayClient.connect(ws, nodes.second().publicUrl());
        assertThat(resumed.next().path("op").asInt()).isEqualTo(10);
        resumed.send(6, Map.of("token", world.token(owner), "session_id", sessionId, "seq", seq));
        seq = readMessages(resumed, received, 3, seq);
        assertThat(resumed.nextDispatch("RESUMED").path("s").asLong()).isEqualTo(++seq);
        // The fanout catches up: the second node is interested by now and gets its copies of m2..m4.
        behind.forEach(fanout::relay);
        fanout.publish(message(guild, 5));
        seq = readMessages(resumed, received, 1, seq);

        assertThat(received).containsExactly(1, 2, 3, 4, 5);
        resumed.close();
        client.close();
    }

    private static GuildEvent message(TestGuild guild, int n) {
        return new GuildEvent("MESSAGE_CREATE", guild.id(), guild.channelId(), List.of(),
                TestWorld.message(world.id(), guild.channelId(), guild.id(), guild.ownerId(), "m" + n));
    }

    private static long readMessages(GatewayClient client, List<Integer> into, int count, long seq) throws Exception {
        for (int i = 0; i < count; i++) {
            JsonNode m = client.nextDispatch("MESSAGE_CREATE");
            assertThat(m.path("s").asLong()).isEqualTo(++seq);
            into.add(Integer.parseInt(m.path("d").path("content").asString().substring(1)));
        }
        return seq;
    }
}
