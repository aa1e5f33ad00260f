package io.concord.ws.gateway;

import io.concord.ws.compress.TransportCompression;
import io.concord.ws.compress.Utf8;
import io.concord.ws.compress.ZlibStream;
import io.concord.ws.compress.ZlibStreams;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.session.FrameSink;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.SessionRegistry;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Jetty end of one gateway connection, and the one place where gateway failures become close
 * codes: a {@link GatewayClose} closes with its code, anything unexpected is logged and closes with
 * 4000, and neither reaches another session. Public only because Jetty looks up the listener
 * methods reflectively.
 */
public final class GatewaySocket implements Session.Listener.AutoDemanding, FrameSink {
    private static final Logger log = LoggerFactory.getLogger(GatewaySocket.class);
    private final GatewayProtocol protocol;
    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;
    private final GatewayParams params;
    private final String nodeId;
    private final GatewaySession session;
    /** Present when the connection asked for {@code compress=zlib-stream}; every frame then goes through it. */
    private final Optional<ZlibStream> zlib;
    private volatile Session socket;
    /** The code the node closed with, so a disconnect is counted under it and not the echo. */
    private volatile int serverCloseCode;
    /** Gives the socket's place back to the endpoint's admission (idempotent; see GatewayEndpoint). */
    private volatile Runnable released = () -> {};

    GatewaySocket(GatewayProtocol protocol, SessionRegistry sessions, GatewayMetrics metrics, GatewayParams params, int nodeId, Clock clock,
                  ZlibStreams zlibStreams) {
        this.protocol = protocol;
        this.sessions = sessions;
        this.metrics = metrics;
        this.params = params;
        this.nodeId = Integer.toString(nodeId);
        this.session = new GatewaySession(this, clock.millis());
        this.zlib = params.compression() == TransportCompression.ZLIB_STREAM ? Optional.of(zlibStreams.open()) : Optional.empty();
    }

    @Override
    public void onWebSocketOpen(Session socket) {
        this.socket = socket;
        zlib.ifPresent(z -> metrics.zlibStreamOpened());
        sessions.opened(session);
        guarded(() -> {
            params.rejection().ifPresent(close -> {
                throw close;
            });
            protocol.opened(session);
        });
    }

    @Override
    public void onWebSocketText(String text) {
        guarded(() -> protocol.received(session, text));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        guarded(protocol::receivedBinary);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        released.run();
        withContext(() -> log.debug("socket error: {}", cause.toString()));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        released.run();
        withContext(() -> {
            int code = serverCloseCode != 0 ? serverCloseCode : statusCode;
            metrics.disconnected(code);
            zlib.ifPresent(z -> {
                z.close();
                metrics.zlibStreamClosed();
            });
            try {
                sessions.closed(session, code);
            } catch (RuntimeException e) {
                log.warn("could not unregister a closed session", e);
            }
            protocol.closed(session);
            log.debug("session closed with {}", code);
        });
    }

    /**
     * The outbox calls this for one frame at a time, in sequence order, so frames enter the zlib
     * stream in the order they are written to the socket.
     */
    @Override
    public void send(String frame, Runnable sent, Consumer<Throwable> failed) {
        if (zlib.isEmpty()) {
            long bytes = Utf8.length(frame);
            metrics.sent(TransportCompression.NONE.label(), bytes, bytes);
            socket.sendText(frame, Callback.from(sent, failed));
            return;
        }
        byte[] payload = frame.getBytes(StandardCharsets.UTF_8);
        Optional<byte[]> compressed = zlib.get().frame(payload);
        if (compressed.isEmpty()) {
            failed.accept(new ClosedChannelException());
            return;
        }
        metrics.sent(TransportCompression.ZLIB_STREAM.label(), payload.length, compressed.get().length);
        socket.sendBinary(ByteBuffer.wrap(compressed.get()), Callback.from(sent, failed));
    }

    @Override
    public void close(int code, String reason) {
        serverCloseCode = code;
        socket.close(code, reason, Callback.NOOP);
    }

    GatewaySession session() {
        return session;
    }

    /** Runs {@code action} once when the socket closes or fails, whichever comes first. */
    void onReleased(Runnable action) {
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        released = () -> {
            if (once.compareAndSet(false, true)) action.run();
        };
    }

    private void guarded(Runnable action) {
        withContext(() -> {
            try {
                action.run();
            } catch (GatewayClose close) {
                log.debug("closing with {} {}", close.code(), close.reason());
                session.close(close.code(), close.reason());
            } catch (RuntimeException e) {
                log.error("unexpected failure in a gateway session", e);
                GatewayClose close = GatewayClose.unknownError();
                session.close(close.code(), close.reason());
            }
        });
    }

    private void withContext(Runnable action) {
        MDC.put("node_id", nodeId);
        MDC.put("session_id", session.id());
        if (session.userId() != 0) MDC.put("user_id", Long.toString(session.userId()));
        try {
            action.run();
        } finally {
            MDC.remove("node_id");
            MDC.remove("session_id");
            MDC.remove("user_id");
        }
    }
}
