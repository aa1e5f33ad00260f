package io.concord.ws.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.WsNode;
import io.concord.ws.support.AdminPort;
import io.concord.ws.support.RawGatewaySocket;
import io.concord.ws.support.TestNodes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConnectBurstTest {
    private static final int NODE_ID = 775;
    private static final int CAPACITY = 4;
    private static final int BURST = 120;

    @Test
    void aConnectBurstGetsExactlyTheCapacityAndEveryOtherSocketIsRefusedWith503() throws Exception {
        List<RawGatewaySocket> sockets = new ArrayList<>();
        try (WsNode node = TestNodes.start(NODE_ID, Map.of("WS_MAX_SESSIONS", Integer.toString(CAPACITY)), Clock.systemUTC());
             AdminPort admin = new AdminPort(node);
             ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            // Every connection is open before the first upgrade request goes out, so the node sees them all at once.
            for (int i = 0; i < BURST; i++) sockets.add(RawGatewaySocket.open(node.publicUrl(), 65536));
            for (RawGatewaySocket s : sockets) s.requestUpgrade();
            List<Future<String>> answers = new ArrayList<>();
            for (RawGatewaySocket s : sockets) answers.add(readers.submit(s::upgradeStatus));

            int upgraded = 0, refused = 0;
            for (Future<String> a : answers) {
                String status = a.get();
                if (status.startsWith("HTTP/1.1 101")) upgraded++;
                else if (status.startsWith("HTTP/1.1 503")) refused++;
            }

            assertThat(upgraded).isEqualTo(CAPACITY);
            assertThat(refused).isEqualTo(BURST - CAPACITY);
            assertThat(admin.metric("gateway_sockets_refused_total")).isEqualTo(BURST - CAPACITY);
            assertThat(admin.awaitMetric("gateway_sessions", CAPACITY)).isEqualTo(CAPACITY);
        } finally {
            for (RawGatewaySocket s : sockets) s.close();
        }
    }
}
