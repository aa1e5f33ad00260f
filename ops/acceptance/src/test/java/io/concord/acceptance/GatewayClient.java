package io.concord.acceptance;

import io.concord.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** A real gateway client (the JDK's WebSocket) that records every payload it receives. */
final class GatewayClient implements AutoCloseable {
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    GatewayClient(String url) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url + "/?v=10&encoding=json"), new Listener()).join();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(Json.parse(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.complete(code);
            return null;
        }
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    void identify(String token) {
        send("{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"properties\":{\"os\":\"linux\",\"browser\":\"test\",\"device\":\"test\"}}}");
    }

    /** The next dispatch of type {@code event}, skipping other payloads; fails after 15 s. */
    JsonNode awaitDispatch(String event) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode next = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) throw new AssertionError("no " + event + " within 15 s");
            if (next.path("op").asInt() != 0) continue;
            sequence.add(next.path("s").asLong());
            if (event.equals(next.path("t").asString())) return next;
        }
    }

    /** The {@code s} of every dispatch read so far (including skipped ones), in arrival order. */
    List<Long> sequence() {
        return List.copyOf(sequence);
    }

    private final List<Long> sequence = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The next payload of any kind; fails after 15 s. */
    JsonNode next() throws InterruptedException {
        JsonNode next = received.poll(15, TimeUnit.SECONDS);
        if (next == null) throw new AssertionError("no payload within 15 s");
        return next;
    }

    /** Whether a dispatch of type {@code event} arrives within {@code wait}. */
    Optional<JsonNode> dispatchWithin(String event, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode next = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) return Optional.empty();
            if (next.path("op").asInt() == 0 && event.equals(next.path("t").asString())) return Optional.of(next);
        }
    }

    /** Drops the socket with a resumable code, keeping the session, as a client does on op 7. */
    void closeToResume() {
        socket.sendClose(4000, "reconnect");
    }

    @Override
    public void close() {
        socket.sendClose(1000, "bye");
    }
}
