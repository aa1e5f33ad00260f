package io.concord.ws.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A node drained under load: every client is told op 7 RECONNECT, resumes on the other node, and
 * gets every message exactly once, in order, with no gap in its sequence numbers.
 */
class DrainResumeTest {
    private static final int DRAINED_NODE = 765;
    private static final int OTHER_NODE = 766;
    private static final int CLIENTS = 6;
    private static final int MESSAGES = 60;
    // Small drain batches a little apart, so the drain runs while messages keep coming.
    @RegisterExtension
    static final TwoNodes nodes = new TwoNodes(DRAINED_NODE, OTHER_NODE, Map.of("WS_DRAIN_BATCH", "2", "WS_DRAIN_INTERVAL_MS", "200",
            "WS_DRAIN_CLOSE_AFTER_MS", "30000", "WS_DRAIN_DEADLINE_SECONDS", "60"));
    private static final TestWorld world = nodes.world;
    private static final WebSocketClient ws = nodes.ws;
    private static final StreamFanout fanout = nodes.fanout;

    /** One client: its user, session id, the last seq it saw and the message numbers it got. */
    private static final class Client {
        final long userId;
        GatewayClient socket;
        String sessionId;
        long seq;
        final List<Integer> messages = new ArrayList<>();

        Client(long userId) {
            this.userId = userId;
        }

        /** Reads until op 7 (true) or until it holds {@code upTo} messages (false). */
        boolean readUntilReconnectOr(int upTo) throws Exception {
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

    private static void publish(TestGuild guild, int n) {
        fanout.publish(new GuildEvent("MESSAGE_CREATE", guild.id(), guild.channelId(), List.of(),
                TestWorld.message(world.id(), guild.channelId(), guild.id(), guild.ownerId(), "m" + n)));
    }

    @Test
    void everyClientOfADrainedNodeResumesElsewhereWithEveryMessageExactlyOnceInOrder() throws Exception {
        long owner = world.user("host");
        TestGuild guild = world.guild(owner, "Rolling restart");
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            long user = i == 0 ? owner : world.user("guest" + i);
            if (i > 0) world.join(guild.id(), user);
            Client c = new Client(user);
            c.socket = GatewayClient.connect(ws, nodes.first().publicUrl());
            JsonNode ready = c.socket.identify(world.token(user), 1 | 1 << 9 | 1 << 15);
            c.sessionId = ready.path("d").path("session_id").asString();
            c.seq = ready.path("s").asLong();
            clients.add(c);
        }
        for (Client c : clients) {
            JsonNode create = c.socket.nextDispatch("GUILD_CREATE");
            c.seq = create.path("s").asLong();
        }

        for (int n = 1; n <= 20; n++) publish(guild, n);
        for (Client c : clients) assertThat(c.readUntilReconnectOr(20)).isFalse();
        for (Client c : clients) Checkpoints.awaitAtLeast(world.redis, c.sessionId, c.seq);

        nodes.first().drain();
        CompletableFuture<Void> during = CompletableFuture.runAsync(() -> {
            for (int n = 21; n <= 50; n++) publish(guild, n);
        });
        for (Client c : clients) {
            assertThat(c.readUntilReconnectOr(MESSAGES + 1)).as("op 7 for %s", c.sessionId).isTrue();
            c.socket.disconnect(); // as JDA does on op 7: drop the socket, keep the session, resume
            c.socket = GatewayClient.connect(ws, nodes.second().publicUrl());
            assertThat(c.socket.next().path("op").asInt()).isEqualTo(10);
            Map<String, Object> resume = new LinkedHashMap<>();
            resume.put("token", world.token(c.userId));
            resume.put("session_id", c.sessionId);
            resume.put("seq", c.seq);
            c.socket.send(6, resume);
        }
        during.get();
        for (int n = 51; n <= MESSAGES; n++) publish(guild, n);

        for (Client c : clients) {
            assertThat(c.readUntilReconnectOr(MESSAGES)).as("a second op 7").isFalse();
            assertThat(c.messages).as("messages of %s", c.sessionId)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, MESSAGES).boxed().toList());
        }
        nodes.first().drained().get();
        for (Client c : clients) c.socket.close();
    }
}
