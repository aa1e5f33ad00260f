package io.concord.ws.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.concord.ws.WsNode;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestNodes;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;

class NodeCapacityTest {
    private static final int NODE_ID = 705;

    @Test
    void aFullNodeRefusesTheNextSocketWith503AndAcceptsAgainOnceOneCloses() throws Exception {
        WebSocketClient ws = new WebSocketClient();
        ws.start();
        try (WsNode node = TestNodes.start(NODE_ID, Map.of("WS_MAX_SESSIONS", "1"), Clock.systemUTC())) {
            GatewayClient first = GatewayClient.connect(ws, node.publicUrl());
            assertThat(first.next().path("op").asInt()).isEqualTo(10);

            Throwable refused = catchThrowable(() -> GatewayClient.connect(ws, node.publicUrl()));
            assertThat(refused).hasCauseInstanceOf(UpgradeException.class);
            assertThat(((UpgradeException) refused.getCause()).getResponseStatusCode()).isEqualTo(503);

            first.close();
            first.awaitClose();
            long deadline = System.currentTimeMillis() + 5_000;
            GatewayClient again = null;
            while (again == null) {
                try {
                    again = GatewayClient.connect(ws, node.publicUrl());
                } catch (Exception e) {
                    if (System.currentTimeMillis() > deadline) throw e;
                    Thread.sleep(50);
                }
            }
            assertThat(again.next().path("op").asInt()).isEqualTo(10);
            again.close();
        } finally {
            ws.stop();
        }
    }
}
