package io.concord.ws.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.routing.InterestRegistry;
import io.concord.common.routing.NodeRegistry;
import io.concord.ws.WsNode;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestNodes;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NodeRegistrationTest {
    private static final int NODE_ID = 704;
    private static TestWorld world;
    private static WebSocketClient ws;
    private static NodeRegistry nodes;
    private static InterestRegistry interests;

    @BeforeAll
    static void start() throws Exception {
        world = new TestWorld(NODE_ID);
        nodes = new NodeRegistry(world.redis);
        interests = new InterestRegistry(world.redis);
        ws = new WebSocketClient();
        ws.start();
    }

    @AfterAll
    static void stop() throws Exception {
        ws.stop();
        world.close();
    }

    private static Optional<NodeRegistry.WsNode> entry() {
        return nodes.alive().stream().filter(n -> n.nodeId() == NODE_ID).findFirst();
    }

    @Test
    void aStartedNodeAnnouncesItselfAndWithdrawsOnClose() throws Exception {
        try (WsNode node = TestNodes.start(NODE_ID, Map.of("WS_MAX_SESSIONS", "500"), java.time.Clock.systemUTC())) {
            assertThat(entry()).hasValueSatisfying(n -> {
                assertThat(n.url()).isEqualTo(node.publicUrl());
                assertThat(n.capacity()).isEqualTo(500);
                assertThat(n.sessions()).isZero();
                assertThat(n.draining()).isFalse();
            });
            try (GatewayClient client = GatewayClient.connect(ws, node.publicUrl())) {
                client.next();
                eventually(() -> entry().map(n -> n.sessions() == 1).orElse(false), Duration.ofSeconds(8));
            }
        }
        assertThat(entry()).isEmpty();
        assertThat(nodes.isAlive(NODE_ID)).isFalse();
    }

    @Test
    void readySessionsRegisterTheirGuildAndUserInterestUntilTheyClose() throws Exception {
        long owner = world.user("interested");
        TestGuild guild = world.guild(owner, "Interest");
        try (WsNode node = TestNodes.start(NODE_ID)) {
            try (GatewayClient client = GatewayClient.connect(ws, node.publicUrl())) {
                client.identify(world.token(owner), null);
                client.nextDispatch("GUILD_CREATE");
                assertThat(interests.nodesFor(guild.id(), List.of())).contains(NODE_ID);
                assertThat(interests.nodesFor(world.id(), List.of(owner))).contains(NODE_ID);
            }
            eventually(() -> !interests.nodesFor(guild.id(), List.of(owner)).contains(NODE_ID), Duration.ofSeconds(5));
        }
    }

    @Test
    void aRestartedNodeForgetsInterestLeftByItsPreviousLife() {
        long staleGuild = world.id();
        interests.addGuild(NODE_ID, staleGuild);
        try (WsNode node = TestNodes.start(NODE_ID)) {
            assertThat(interests.nodesFor(staleGuild, List.of())).doesNotContain(NODE_ID);
        }
    }

    @Test
    void theAdminPortServesMetricsAndReadiness() throws Exception {
        try (WsNode node = TestNodes.start(NODE_ID); HttpClient http = HttpClient.newHttpClient()) {
            try (GatewayClient client = GatewayClient.connect(ws, node.publicUrl())) {
                client.next();
                client.send("{\"op\":1,\"d\":null}");
                client.next();
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("gateway_sessions 1.0", "gateway_heartbeats_total 1.0", "jvm_memory");
            }
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort() + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("redis ok", "postgres ok");
        }
    }

    static void eventually(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + timeout).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
