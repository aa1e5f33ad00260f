package io.concord.ws.resume;

import io.concord.ws.WsNode;
import io.concord.ws.support.TestNodes;
import io.concord.ws.support.TestWorld;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two ws-nodes per test class for sessions moving between nodes, with the test world (worker id of
 * the first), a WebSocket client and the stream fanout that stands in for the fanout-worker. The
 * world, client and fanout exist before the nodes start, so a class can keep them in static fields.
 */
final class TwoNodes implements BeforeAllCallback, AfterAllCallback {
    private final int firstId;
    private final int secondId;
    private final Map<String, String> firstEnv;
    final TestWorld world;
    final WebSocketClient ws = new WebSocketClient();
    final StreamFanout fanout;
    private WsNode first;
    private WsNode second;

    /** @param firstEnv settings of the first node only (e.g. drain timing) */
    TwoNodes(int firstId, int secondId, Map<String, String> firstEnv) {
        this.firstId = firstId;
        this.secondId = secondId;
        this.firstEnv = firstEnv;
        this.world = new TestWorld(firstId);
        this.fanout = new StreamFanout(world.redis);
    }

    TwoNodes(int firstId, int secondId) {
        this(firstId, secondId, Map.of());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        first = TestNodes.start(firstId, firstEnv, Clock.systemUTC());
        second = TestNodes.start(secondId, Map.of(), Clock.systemUTC());
        ws.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try (TestWorld w = world; WsNode a = first; WsNode b = second) {
            ws.stop();
        }
    }

    WsNode first() {
        return first;
    }

    WsNode second() {
        return second;
    }
}
