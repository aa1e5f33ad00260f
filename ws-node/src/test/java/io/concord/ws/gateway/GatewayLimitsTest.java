package io.concord.ws.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.WsNode;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.GatewayClient.Closed;
import io.concord.common.test.ManualClock;
import io.concord.ws.support.TestNodes;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The gateway send limit, shards, and close codes counted in the node's metrics without harming other sessions. */
class GatewayLimitsTest {
    private static final int NODE_ID = 788;
    private static final int CLOCK_NODE_ID = 790;
    private static final String HEARTBEAT = "{\"op\":1,\"d\":null}";
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();

    private static int acks(GatewayClient client, int n) throws InterruptedException {
        int acks = 0;
        for (int i = 0; i < n; i++) if (client.next().path("op").asInt() == 11) acks++;
        return acks;
    }

    private static double disconnects(int code) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + wsNode.node().adminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String prefix = "gateway_disconnects_total{close_code=\"" + code + "\"} ";
        return body.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()))).sum();
    }

    @Test
    void theHundredAndTwentyFirstPayloadInSixtySecondsCloses4008AndIsCountedWhileOthersStayUp() throws Exception {
        double before = disconnects(4008);
        try (GatewayClient bystander = wsNode.load(world.user("bystander"), null, 0);
             GatewayClient flooder = wsNode.connect()) {
            assertThat(flooder.next().path("op").asInt()).isEqualTo(10);
            for (int i = 0; i < 120; i++) flooder.send(HEARTBEAT);
            assertThat(acks(flooder, 120)).isEqualTo(120);
            flooder.send(HEARTBEAT);
            assertThat(flooder.awaitClose()).isEqualTo(new Closed(4008, "Rate limited"));

            bystander.send(HEARTBEAT);
            assertThat(bystander.next().path("op").asInt()).isEqualTo(11);
        }
        assertThat(disconnects(4008)).isEqualTo(before + 1);
    }

    @Test
    void theSendLimitCountsPerSixtySecondWindowOfTheNodesClock() throws Exception {
        ManualClock clock = ManualClock.now();
        WebSocketClient ws = new WebSocketClient();
        ws.start();
        // A heartbeat interval far beyond the minute the clock jumps, so the jump times nothing out.
        try (WsNode node = TestNodes.start(CLOCK_NODE_ID, Map.of("WS_HEARTBEAT_INTERVAL_MS", "600000"), clock);
             GatewayClient client = GatewayClient.connect(ws, node.publicUrl())) {
            assertThat(client.next().path("op").asInt()).isEqualTo(10);
            for (int i = 0; i < 120; i++) client.send(HEARTBEAT);
            assertThat(acks(client, 120)).isEqualTo(120);
            clock.advance(Duration.ofSeconds(60));
            for (int i = 0; i < 120; i++) client.send(HEARTBEAT);
            assertThat(acks(client, 120)).isEqualTo(120);
            client.send(HEARTBEAT);
            assertThat(client.awaitClose().code()).isEqualTo(4008);
        } finally {
            ws.stop();
        }
    }

    private static Map<String, Object> identify(String token, Object shard) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("token", token);
        d.put("properties", Map.of("os", "linux", "browser", "test", "device", "test"));
        d.put("intents", 1);
        d.put("shard", shard);
        return d;
    }

    @Test
    void aShardOutsideItsCountCloses4010() throws Exception {
        long user = world.user("bad-shard");
        for (Object shard : List.of(List.of(2, 2), List.of(0, 0), List.of(-1, 1), List.of(0), "0,1")) {
            try (GatewayClient client = wsNode.connect()) {
                assertThat(client.next().path("op").asInt()).isEqualTo(10);
                client.send(2, identify(world.token(user), shard));
                assertThat(client.awaitClose()).as(shard.toString()).isEqualTo(new Closed(4010, "Invalid shard"));
            }
        }
        assertThat(disconnects(4010)).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aShardReceivesOnlyItsGuilds() throws Exception {
        long user = world.user("sharded");
        Map<Long, TestGuild> byShard = new java.util.HashMap<>();
        while (byShard.size() < 2) {
            TestGuild g = world.guild(user, "sharded");
            byShard.putIfAbsent((g.id() >>> 22) % 2, g);
        }
        // Guilds the loop made beyond the first of each shard count too.
        List<Long> all = world.guilds.guildsOf(user).stream().map(r -> r.id()).toList();
        for (int shard = 0; shard < 2; shard++) {
            try (GatewayClient client = wsNode.connect()) {
                assertThat(client.next().path("op").asInt()).isEqualTo(10);
                client.send(2, identify(world.token(user), List.of(shard, 2)));
                JsonNode ready = client.nextDispatch("READY").path("d");
                int s = shard;
                List<String> expected = all.stream().filter(g -> (g >>> 22) % 2 == s).map(String::valueOf).toList();
                assertThat(ready.path("guilds").findValuesAsString("id")).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(expected).contains(Long.toString(byShard.get((long) shard).id()));
            }
        }
    }
}
