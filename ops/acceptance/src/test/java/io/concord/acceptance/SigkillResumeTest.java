package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;

/**
 * A ws-node in its own JVM is killed with SIGKILL while a client receives numbered messages; the
 * client resumes on another ws-node and gets every message exactly once, in order, the ones sent
 * while no node held it included.
 */
class SigkillResumeTest {
    private static final int API_NODE = 980;
    private static final int SURVIVING_NODE = 981;
    private static final int DOOMED_NODE = 982;
    private static Stack stack;
    private static RestClient rest;
    private static RedisClient redis;
    private static ServiceProcess doomed;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack(API_NODE, SURVIVING_NODE);
        rest = stack.rest();
        redis = Redis.connect(TestStack.stores());
        doomed = ServiceProcess.wsNode(DOOMED_NODE, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (doomed != null) doomed.close();
        if (redis != null) redis.close();
        if (stack != null) stack.close();
    }

    @Test
    void aClientResumesOnAnotherNodeAfterItsNodeIsKilledAndGetsEveryMessageOnceInOrder() throws Exception {
        String alice = rest.register("alice");
        String guildId = rest.call("POST", "/guilds", alice, "{\"name\":\"Kill -9\"}").body().path("id").asString();
        String channelId = textChannel(alice, guildId);
        List<Integer> received = new ArrayList<>();

        GatewayClient first = new GatewayClient(doomed.url);
        first.identify(alice);
        String sessionId = first.awaitDispatch("READY").path("d").path("session_id").asString();
        long seq = first.awaitDispatch("GUILD_CREATE").path("s").asLong();
        for (int n = 1; n <= 4; n++) send(alice, channelId, n);
        for (int n = 1; n <= 4; n++) {
            JsonNode m = first.awaitDispatch("MESSAGE_CREATE");
            assertThat(m.path("s").asLong()).isEqualTo(++seq);
            received.add(number(m));
        }
        Checkpoints.awaitAtLeast(redis, sessionId, seq);

        doomed.kill();
        for (int n = 5; n <= 8; n++) send(alice, channelId, n);

        try (GatewayClient second = new GatewayClient(stack.ws.publicUrl())) {
            assertThat(second.next().path("op").asInt()).isEqualTo(10);
            second.send("{\"op\":6,\"d\":{\"token\":\"" + alice + "\",\"session_id\":\"" + sessionId + "\",\"seq\":" + seq + "}}");
            for (int n = 9; n <= 12; n++) send(alice, channelId, n);
            int resumed = 0;
            while (received.size() < 12 || resumed == 0) {
                JsonNode frame = second.next();
                if (frame.path("op").asInt() == 11) continue;
                assertThat(frame.path("op").asInt()).as("op of " + frame).isEqualTo(0);
                assertThat(frame.path("s").asLong()).as("seq of " + frame).isEqualTo(++seq);
                if (frame.path("t").asString().equals("RESUMED")) {
                    resumed++;
                    continue;
                }
                assertThat(frame.path("t").asString()).isEqualTo("MESSAGE_CREATE");
                received.add(number(frame));
            }
            assertThat(resumed).isEqualTo(1);
            assertThat(received).containsExactlyElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());

            // Nothing else is owed: the next message is the very next frame.
            send(alice, channelId, 13);
            JsonNode marker = second.awaitDispatch("MESSAGE_CREATE");
            assertThat(number(marker)).isEqualTo(13);
            assertThat(marker.path("s").asLong()).isEqualTo(seq + 1);
        }
    }

    private static void send(String token, String channelId, int n) {
        RestClient.Response r = rest.call("POST", "/channels/" + channelId + "/messages", token, "{\"content\":\"m" + n + "\"}");
        assertThat(r.status()).as("send m" + n + ": " + r).isEqualTo(200);
    }

    private static int number(JsonNode message) {
        return Integer.parseInt(message.path("d").path("content").asString().substring(1));
    }

    private static String textChannel(String token, String guildId) {
        for (JsonNode c : rest.call("GET", "/guilds/" + guildId + "/channels", token, null).body()) {
            if (c.path("type").asInt() == 0) return c.path("id").asString();
        }
        throw new AssertionError("no text channel");
    }
}
