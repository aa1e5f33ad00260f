package io.concord.ws.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.common.event.RelaySource;
import io.concord.ws.WsNode;
import io.concord.ws.support.AdminPort;
import io.concord.ws.support.GatewayClient;
import io.concord.common.test.ManualClock;
import io.concord.ws.support.Sessions;
import io.concord.ws.support.TestNodes;
import io.concord.ws.support.TestWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;

class GatewayMetricsTest {
    private static final int NODE_ID = 779;

    @Test
    void theAdminPortCountsSessionsIdentifiesBytesHeartbeatIntervalsAndClosesByCode() throws Exception {
        ManualClock clock = ManualClock.now();
        WebSocketClient ws = new WebSocketClient();
        ws.start();
        try (TestWorld world = new TestWorld(NODE_ID);
             WsNode node = TestNodes.start(NODE_ID, Map.of("WS_HEARTBEAT_INTERVAL_MS", "45000"), clock);
             AdminPort admin = new AdminPort(node)) {
            long user = world.user("measured");
            world.guild(user, "Metrics");
            GatewayClient client = Sessions.load(ws, node, world, user, null, 1);

            clock.advance(Duration.ofSeconds(42));
            client.send("{\"op\":1,\"d\":null}");
            assertThat(client.next().path("op").asInt()).isEqualTo(11);
            clock.advance(Duration.ofSeconds(3));
            client.send("{\"op\":1,\"d\":null}");
            assertThat(client.next().path("op").asInt()).isEqualTo(11);

            assertThat(admin.metric("gateway_sessions")).isEqualTo(1.0);
            assertThat(admin.metric("gateway_identifies_total")).isEqualTo(1.0);
            assertThat(admin.metric("gateway_dispatches_sent_total{event=\"GUILD_CREATE\"}")).isEqualTo(1.0);
            assertThat(admin.metric("gateway_sent_bytes_total{compression=\"none\"}")).isGreaterThan(100);
            assertThat(admin.metric("gateway_heartbeat_interval_seconds_count")).isEqualTo(2.0);
            assertThat(admin.metric("gateway_heartbeat_interval_seconds_bucket{le=\"40.0\"}")).isEqualTo(1.0);
            assertThat(admin.metric("gateway_heartbeat_interval_seconds_bucket{le=\"45.0\"}")).isEqualTo(2.0);
            assertThat(admin.get("/metrics").body())
                    .contains("gateway_send_queue_drops_total 0");

            client.send("{\"op\":99,\"d\":null}");
            assertThat(client.awaitClose().code()).isEqualTo(4001);
            assertThat(admin.awaitMetric("gateway_sessions", 0)).isZero();
            assertThat(admin.metric("gateway_disconnects_total{close_code=\"4001\"}")).isEqualTo(1.0);
        } finally {
            ws.stop();
        }
    }

    @Test
    void aRoutedEventIsTimedFromItsGuildStreamAppendByTheNodesClockAndItsWalkIsTimed() throws Exception {
        ManualClock clock = ManualClock.now();
        WebSocketClient ws = new WebSocketClient();
        ws.start();
        try (TestWorld world = new TestWorld(NODE_ID + 1);
             WsNode node = TestNodes.start(NODE_ID + 1, Map.of(), clock);
             AdminPort admin = new AdminPort(node)) {
            long user = world.user("timed");
            TestWorld.TestGuild guild = world.guild(user, "Timed");
            GatewayClient client = Sessions.load(ws, node, world, user, null, 1);

            // As the fanout relays it: the guild stream entry it came from, appended 2 s before the node's "now".
            world.publish(NODE_ID + 1, new GuildEvent("MESSAGE_CREATE", guild.id(), guild.channelId(), List.of(),
                    TestWorld.message(1L << 40, guild.channelId(), guild.id(), user, "timed")),
                    new RelaySource(0, new StreamEntryID(clock.millis() - 2_000, 0)));
            assertThat(client.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("timed");

            assertThat(admin.awaitMetric("gateway_route_duration_seconds_count", 1)).isEqualTo(1.0);
            assertThat(admin.metric("gateway_relay_lag_seconds_count")).isEqualTo(1.0);
            assertThat(admin.metric("gateway_relay_lag_seconds_bucket{le=\"1.0\"}")).isZero();
            assertThat(admin.metric("gateway_relay_lag_seconds_bucket{le=\"2.5\"}")).isEqualTo(1.0);
        } finally {
            ws.stop();
        }
    }
}
