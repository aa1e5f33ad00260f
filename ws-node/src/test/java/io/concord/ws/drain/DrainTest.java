package io.concord.ws.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.concord.common.routing.NodeRegistry;
import io.concord.ws.WsNode;
import io.concord.ws.support.AdminPort;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.GatewayClient.Closed;
import io.concord.ws.support.Sessions;
import io.concord.ws.support.TestNodes;
import io.concord.ws.support.TestWorld;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DrainTest {
    private static final int NODE_ID = 777;
    /** Another node, busier than the drained one: {@code GET /gateway} must give it out all the same once draining begins. */
    private static final int OTHER_NODE_ID = 778;
    private static final int SESSIONS = 5;
    private static final Map<String, String> FAST_DRAIN = Map.of(
            "WS_DRAIN_BATCH", "2", "WS_DRAIN_INTERVAL_MS", "100", "WS_DRAIN_CLOSE_AFTER_MS", "1000", "WS_DRAIN_DEADLINE_SECONDS", "60");

    @Test
    void drainingTellsEverySessionToReconnectClosesThemResumablyRefusesNewSocketsAndLeavesTheRegistry() throws Exception {
        WebSocketClient ws = new WebSocketClient();
        ws.start();
        List<GatewayClient> clients = new ArrayList<>();
        try (TestWorld world = new TestWorld(NODE_ID);
             WsNode node = TestNodes.start(NODE_ID, FAST_DRAIN, Clock.systemUTC());
             AdminPort admin = new AdminPort(node)) {
            NodeRegistry registry = new NodeRegistry(world.redis);
            registry.announce(new NodeRegistry.WsNode(OTHER_NODE_ID, "ws://127.0.0.1:1", 10, 100, false), 60_000);
            long owner = world.user("drained");
            world.guild(owner, "Drain");
            for (int i = 0; i < SESSIONS; i++) clients.add(Sessions.load(ws, node, world, owner, null, 1));
            GatewayClient cooperative = clients.getFirst();
            assertThat(registry.leastLoaded()).map(NodeRegistry.WsNode::nodeId).contains(NODE_ID);

            assertThat(admin.post("/drain").statusCode()).isEqualTo(202);

            HttpResponse<String> ready = admin.get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("draining");
            assertThat(entry(registry)).hasValueSatisfying(n -> assertThat(n.draining()).isTrue());
            assertThat(registry.leastLoaded()).map(NodeRegistry.WsNode::nodeId).contains(OTHER_NODE_ID);
            Throwable refused = catchThrowable(() -> GatewayClient.connect(ws, node.publicUrl()));
            assertThat(refused).hasCauseInstanceOf(UpgradeException.class);
            assertThat(((UpgradeException) refused.getCause()).getResponseStatusCode()).isEqualTo(503);

            // A client that closes itself on op 7 (as JDA does) is not closed again by the node.
            assertThat(cooperative.next().path("op").asInt()).isEqualTo(7);
            cooperative.close();
            assertThat(cooperative.awaitClose().code()).isEqualTo(1000);
            for (GatewayClient c : clients.subList(1, SESSIONS)) {
                JsonNode reconnect = c.next();
                assertThat(reconnect.path("op").asInt()).isEqualTo(7);
                assertThat(reconnect.path("d").isNull()).isTrue();
                assertThat(c.awaitClose()).isEqualTo(new Closed(4000, "Node draining: resume on another node"));
            }

            node.drained().get(30, TimeUnit.SECONDS);
            assertThat(entry(registry)).isEmpty();
            assertThat(registry.isAlive(NODE_ID)).isFalse();
            assertThat(admin.awaitMetric("gateway_disconnects_total{close_code=\"4000\"}", SESSIONS - 1)).isEqualTo(SESSIONS - 1);
            assertThat(admin.metric("gateway_sessions")).isZero();
            registry.withdraw(OTHER_NODE_ID);
        } finally {
            clients.forEach(GatewayClient::close);
            ws.stop();
        }
    }

    @Test
    void drainingAnEmptyNodeFinishesAtOnceAndOnlyPostStartsIt() throws Exception {
        try (TestWorld world = new TestWorld(NODE_ID);
             WsNode node = TestNodes.start(NODE_ID, FAST_DRAIN, Clock.systemUTC());
             AdminPort admin = new AdminPort(node)) {
            assertThat(admin.get("/drain").statusCode()).isEqualTo(405);
            assertThat(admin.get("/readyz").statusCode()).isEqualTo(200);

            assertThat(admin.post("/drain").statusCode()).isEqualTo(202);
            node.drained().get(30, TimeUnit.SECONDS);

            assertThat(entry(new NodeRegistry(world.redis))).isEmpty();
            assertThat(admin.get("/readyz").statusCode()).isEqualTo(503);
            assertThat(admin.post("/drain").statusCode()).isEqualTo(202);
        }
    }

    private static Optional<NodeRegistry.WsNode> entry(NodeRegistry registry) {
        return registry.alive().stream().filter(n -> n.nodeId() == NODE_ID).findFirst();
    }
}
