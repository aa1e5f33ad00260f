package io.concord.ws.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.json.Json;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import tools.jackson.databind.JsonNode;

/**
 * A gateway client that records text and binary frames alike, in arrival order, and reads binary
 * frames as one zlib stream (see {@link ZlibReader}), so a test sees both what went over the wire
 * and what it meant.
 */
public final class RecordingGatewayClient implements Session.Listener.AutoDemanding, AutoCloseable {
    /** One frame: its wire bytes, whether it was binary, and the JSON it carried. */
    public record Frame(boolean binary, byte[] wire, JsonNode json) {}

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final ZlibReader zlib = new ZlibReader();
    private volatile Session session;

    private RecordingGatewayClient() {}

    public static RecordingGatewayClient connect(WebSocketClient ws, String baseUrl, String query) throws Exception {
        RecordingGatewayClient client = new RecordingGatewayClient();
        ws.connect(client, URI.create(baseUrl + "/?" + query)).get(GatewayClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        frames.add(new Frame(false, message.getBytes(StandardCharsets.UTF_8), Json.parse(message)));
    }

    /** Jetty delivers frames one at a time in order, so the stream is inflated in order too. */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] wire = new byte[payload.remaining()];
        payload.get(wire);
        callback.succeed();
        frames.add(new Frame(true, wire, Json.parse(new String(zlib.inflate(wire), StandardCharsets.UTF_8))));
    }

    @Override
    public void onWebSocketError(Throwable cause) {}

    public void send(int op, Object d) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("op", op);
        frame.put("d", d);
        session.sendText(Json.write(frame), Callback.NOOP);
    }

    /** The next frame; fails the test if none arrives in time. */
    public Frame next() throws InterruptedException {
        Frame frame = frames.poll(GatewayClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(frame).as("a frame from the gateway within " + GatewayClient.WAIT).isNotNull();
        return frame;
    }

    /** The next frame, asserting it is a dispatch of {@code type}. */
    public Frame nextDispatch(String type) throws InterruptedException {
        Frame frame = next();
        assertThat(frame.json().path("op").asInt()).as("op of " + frame.json()).isEqualTo(0);
        assertThat(frame.json().path("t").asString()).as("event of " + frame.json()).isEqualTo(type);
        return frame;
    }

    public void identify(String token) {
        send(2, Map.of("token", token, "properties", Map.of("os", "linux", "browser", "test", "device", "test")));
    }

    @Override
    public void close() {
        Session s = session;
        if (s != null && s.isOpen()) s.close();
    }
}
