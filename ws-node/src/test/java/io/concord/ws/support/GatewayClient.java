package io.concord.ws.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.json.Json;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import tools.jackson.databind.JsonNode;

/** A recording gateway client: every text frame the node sends lands in a queue the test reads with timeouts. */
public final class GatewayClient implements Session.Listener.AutoDemanding, AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(10);

    public record Closed(int code, String reason) {}

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private volatile Session session;

    private GatewayClient() {}

    /** Connects with {@code ?v=10&encoding=json} unless {@code query} says otherwise. */
    public static GatewayClient connect(WebSocketClient ws, String baseUrl, String query) throws Exception {
        GatewayClient client = new GatewayClient();
        ws.connect(client, URI.create(baseUrl + "/?" + query)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    public static GatewayClient connect(WebSocketClient ws, String baseUrl) throws Exception {
        return connect(ws, baseUrl, "v=10&encoding=json");
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        frames.add(message);
    }

    /** Errors after a close (the node hung up first) are expected here, not worth a warning. */
    @Override
    public void onWebSocketError(Throwable cause) {}

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
    }

    public void send(String text) {
        session.sendText(text, Callback.NOOP);
    }

    public void sendBinary(byte[] bytes) {
        session.sendBinary(ByteBuffer.wrap(bytes), Callback.NOOP);
    }

    public void send(int op, Object d) {
        Map<String, Object> frame = new java.util.LinkedHashMap<>();
        frame.put("op", op);
        frame.put("d", d);
        send(Json.write(frame));
    }

    /** The next frame; fails the test if none arrives in time. */
    public JsonNode next() throws InterruptedException {
        String text = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(text).as("a frame from the gateway within " + WAIT).isNotNull();
        return Json.parse(text);
    }

    /** The next frame within {@code wait}, for what takes longer than {@link #WAIT} (a dead node noticed). */
    public JsonNode next(Duration wait) throws InterruptedException {
        String text = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(text).as("a frame from the gateway within " + wait).isNotNull();
        return Json.parse(text);
    }

    /** The next op 0 frame, asserting it is of the given type. */
    public JsonNode nextDispatch(String type) throws InterruptedException {
        JsonNode frame = next();
        assertThat(frame.path("op").asInt()).as("op of " + frame).isEqualTo(0);
        assertThat(frame.path("t").asString()).as("event of " + frame).isEqualTo(type);
        return frame;
    }

    /** Reads HELLO, identifies and returns the READY frame. */
    public JsonNode identify(String token, Object intents) throws InterruptedException {
        assertThat(next().path("op").asInt()).isEqualTo(10);
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("token", token);
        d.put("properties", Map.of("os", "linux", "browser", "test", "device", "test"));
        if (intents != null) d.put("intents", intents);
        send(2, d);
        return nextDispatch("READY");
    }

    public boolean hasNoFrameWithin(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    public Closed awaitClose() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Drops the connection without a close frame, as a lost network does (the node sees 1006). */
    public void disconnect() {
        Session s = session;
        if (s != null) s.disconnect();
    }

    @Override
    public void close() {
        Session s = session;
        if (s != null && s.isOpen()) s.close();
    }
}
