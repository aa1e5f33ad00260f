package io.concord.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.WsNode;
import io.concord.ws.support.AdminPort;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.RawGatewaySocket;
import io.concord.ws.support.RawGatewaySocket.Frame;
import io.concord.ws.support.Sessions;
import io.concord.ws.support.TestNodes;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;

class SlowConsumerTest {
    private static final int NODE_ID = 776;
    private static final long QUEUE_BOUND = 64 * 1024;
    /** Far more than the socket buffers and the queue bound hold together, so the slow reader must overflow. */
    private static final int MAX_MESSAGES = 3_000;

    @Test
    void aSocketThatStopsReadingIsClosedResumablyWhileOthersReceiveEverything() throws Exception {
        WebSocketClient ws = new WebSocketClient();
        ws.start();
        try (TestWorld world = new TestWorld(NODE_ID);
             WsNode node = TestNodes.start(NODE_ID, Map.of("WS_SEND_QUEUE_MAX_BYTES", Long.toString(QUEUE_BOUND)), Clock.systemUTC());
             AdminPort admin = new AdminPort(node)) {
            long owner = world.user("reader");
            long stalled = world.user("stalled");
            TestGuild guild = world.guild(owner, "Back-pressure");
            world.join(guild.id(), stalled);
            GatewayClient reader = Sessions.load(ws, node, world, owner, null, 1);
            try (RawGatewaySocket slow = RawGatewaySocket.connect(node.publicUrl(), 4096)) {
                slow.sendText("{\"op\":2,\"d\":{\"token\":\"" + world.token(stalled)
                        + "\",\"properties\":{\"os\":\"linux\",\"browser\":\"raw\",\"device\":\"raw\"}}}");
                // Only now does the slow socket stop reading: everything from HELLO on piles up.
                String content = "x".repeat(8_000);
                int published = 0;
                // The reader keeps up with every batch while the slow socket's kernel buffers, then its queue, fill.
                while (published < MAX_MESSAGES && admin.metric("gateway_send_queue_drops_total") == 0) {
                    for (int i = 0; i < 25; i++) publish(world, guild, owner, content + (published + i));
                    for (int i = 0; i < 25; i++, published++) {
                        assertThat(reader.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo(content + published);
                    }
                }
                assertThat(admin.metric("gateway_send_queue_drops_total")).isEqualTo(1.0);
                publish(world, guild, owner, "marker");
                assertThat(reader.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("marker");

                // Once the slow client reads again it finds what was in flight, then a resumable close.
                Optional<Frame> close = slow.readUntilClose();
                assertThat(close).hasValueSatisfying(f -> assertThat(f.closeCode()).isEqualTo(4000));
            }
            assertThat(admin.awaitMetric("gateway_disconnects_total{close_code=\"4000\"}", 1.0)).isEqualTo(1.0);
            reader.close();
        } finally {
            ws.stop();
        }
    }

    private static void publish(TestWorld world, TestGuild guild, long author, String content) {
        world.publish(NODE_ID, new GuildEvent("MESSAGE_CREATE", guild.id(), guild.channelId(), List.of(),
                TestWorld.message(world.id(), guild.channelId(), guild.id(), author, content)));
    }
}
