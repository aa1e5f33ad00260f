package io.concord.ws.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.WsNode;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.GatewayClient.Closed;
import io.concord.common.test.ManualClock;
import io.concord.ws.support.TestNodes;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;

class HeartbeatTimeoutTest {
    private static final int NODE_ID = 706;

    @Test
    void aSessionSilentForLongerThanTheIntervalPlusGraceIsClosedWith4009() throws Exception {
        ManualClock clock = ManualClock.now();
        WebSocketClient ws = new WebSocketClient();
        ws.start();
        try (WsNode node = TestNodes.start(NODE_ID, Map.of("WS_HEARTBEAT_INTERVAL_MS", "5000"), clock);
             GatewayClient beating = GatewayClient.connect(ws, node.publicUrl());
             GatewayClient silent = GatewayClient.connect(ws, node.publicUrl())) {
            assertThat(beating.next().path("d").path("heartbeat_interval").asLong()).isEqualTo(5000);
            silent.next();

            clock.advance(Duration.ofMillis(14_000));
            beating.send("{\"op\":1,\"d\":null}");
            assertThat(beating.next().path("op").asInt()).isEqualTo(11);
            clock.advance(Duration.ofMillis(2_000));

            assertThat(silent.awaitClose()).isEqualTo(new Closed(4009, "Session timed out"));
            assertThat(beating.hasNoFrameWithin(Duration.ofMillis(1500))).isTrue();
        } finally {
            ws.stop();
        }
    }
}
