package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;

/**
 * A ws-node in its own JVM gets SIGTERM while its clients receive a stream of messages sent over
 * REST: it turns unready, tells every client op 7 in batches, and exits once they are gone; each
 * client resumes on the other node and gets every message exactly once, in order, with no gap in
 * its sequence numbers.
 */
class SigtermDrainTest {
    private static final int API_NODE = 992;
    private static final int SURVIVING_NODE = 993;
    private static final int DRAINED_NODE = 994;
    private static final int CLIENTS = 6;
    private static final int MESSAGES = 30;
    private static Stack stack;
    private static RestClient rest;
    private static RedisClient redis;
    private static ServiceProcess drained;

    /** One client: its token, session, the last seq it saw, and the message numbers it got. */
    private static final class Client {
        final String token;
        GatewayClient socket;
        String sessionId;
        long seq;
        final List<Integer> messages = new ArrayList<>();

        Client(String token) {
            this.token = token;
        }

        /** Reads until op 7 (true) or until it holds {@code upTo} messages (false); every dispatch must be seq + 1. */
        boolean readUntilReconnectOr(int upTo) throws InterruptedException {
            while (messages.size() < upTo) {
                JsonNode frame = socket.next();
                if (frame.path("op").asInt() == 7) return true;
                if (frame.path("op").asInt() != 0) continue;
                assertThat(frame.path("s").asLong()).as("seq of %s", frame).isEqualTo(seq + 1);
                seq = frame.path("s").asLong();
                if (frame.path("t").asString().equals("MESSAGE_CREATE")) {
                    messages.add(Integer.parseInt(frame.path("d").path("content").asString().substring(1)));
                }
            }
            return false;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack(API_NODE, SURVIVING_NODE);
        rest = stack.rest();
        redis = Redis.connect(TestStack.stores());
        // Small batches a little apart, and a close long after op 7: the clients leave by themselves.
        drained = ServiceProcess.wsNode(DRAINED_NODE, Map.of("WS_DRAIN_BATCH", "2", "WS_DRAIN_INTERVAL_MS", "200",
                "WS_DRAIN_CLOSE_AFTER_MS", "30000", "WS_DRAIN_DEADLINE_SECONDS", "60"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (drained != null) drained.close();
        if (redis != null) redis.close();
        if (stack != null) stack.close();
    }

    @Test
    void everyClientOfANodeStoppedWithSigtermResumesElsewhereWithEveryMessageOnceInOrder() throws Exception {
        List<String> tokens = new ArrayList<>();
        tokens.add(rest.register("host"));
        String guildId = rest.call("POST", "/guilds", tokens.getFirst(), "{\"name\":\"Rolling restart\"}").body().path("id").asString();
        String channelId = textChannel(tokens.getFirst(), guildId);
        for (int i = 1; i < CLIENTS; i++) {
            String guest = rest.register("guest" + i);
            String code = rest.call("POST", "/channels/" + channelId + "/invites", tokens.getFirst(), "{}").body().path("code").asString();
            assertThat(rest.call("POST", "/invites/" + code, guest, null).status()).isEqualTo(200);
            tokens.add(guest);
        }
        List<Client> clients = new ArrayList<>();
        for (String token : tokens) {
            Client c = new Client(token);
            c.socket = new GatewayClient(drained.url);
            c.socket.identify(token);
            JsonNode ready = c.socket.awaitDispatch("READY");
            c.sessionId = ready.path("d").path("session_id").asString();
            c.seq = c.socket.awaitDispatch("GUILD_CREATE").path("s").asLong();
            clients.add(c);
        }
        send(tokens, channelId, 1, 6);
        for (Client c : clients) assertThat(c.readUntilReconnectOr(6)).isFalse();
        for (Client c : clients) Checkpoints.awaitAtLeast(redis, c.sessionId, c.seq);

        drained.terminate();
        awaitUnready();
        CompletableFuture<Void> during = CompletableFuture.runAsync(() -> send(tokens, channelId, 7, 24));
        for (Client c : clients) {
            assertThat(c.readUntilReconnectOr(MESSAGES + 1)).as("op 7 for %s", c.sessionId).isTrue();
            c.socket.closeToResume();
            c.socket = new GatewayClient(stack.ws.publicUrl());
            assertThat(c.socket.next().path("op").asInt()).isEqualTo(10);
            c.socket.send("{\"op\":6,\"d\":{\"token\":\"" + c.token + "\",\"session_id\":\"" + c.sessionId + "\",\"seq\":" + c.seq + "}}");
        }
        during.get();
        send(tokens, channelId, 25, MESSAGES);

        for (Client c : clients) {
            assertThat(c.readUntilReconnectOr(MESSAGES)).as("a second op 7").isFalse();
            assertThat(c.messages).as("messages of %s", c.sessionId)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, MESSAGES).boxed().toList());
        }
        // 128 + SIGTERM, as any JVM stopped by the signal whose shutdown completed.
        assertThat(drained.awaitExit(Duration.ofSeconds(60))).as("exit status once drained").isEqualTo(143);
        for (Client c : clients) c.socket.close();
    }

    /** SIGTERM turns /readyz to 503 before any client is let go (they all still hold their sockets). */
    private static void awaitUnready() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int status;
        while ((status = drained.readyz()) == 200) {
            assertThat(System.nanoTime()).as("/readyz to turn unready").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(status).isEqualTo(503);
    }

    /** Messages m{from}..m{to}, in order, by the users in turn (each user's rate limit is its own). */
    private static void send(List<String> tokens, String channelId, int from, int to) {
        for (int n = from; n <= to; n++) {
            String token = tokens.get(n % tokens.size());
            RestClient.Response r = rest.call("POST", "/channels/" + channelId + "/messages", token, "{\"content\":\"m" + n + "\"}");
            assertThat(r.status()).as("send m" + n + ": " + r).isEqualTo(200);
        }
    }

    private static String textChannel(String token, String guildId) {
        for (JsonNode c : rest.call("GET", "/guilds/" + guildId + "/channels", token, null).body()) {
            if (c.path("type").asInt() == 0) return c.path("id").asString();
        }
        throw new AssertionError("no text channel");
    }
}
