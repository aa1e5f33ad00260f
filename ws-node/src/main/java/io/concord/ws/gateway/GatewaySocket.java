package io.concord.ws.gateway;

import io.concord.ws.compress.TransportCompression;
import io.concord.ws.compress.ZlibStream;
import io.concord.ws.compress.ZlibStreams;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.session.FrameSink;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.Outbox;
import io.concord.ws.session.SessionRegistry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * 4000, and neither reaches another session. It also watches its session's outbox: a send queue
 * past its bound closes the session with a resumable code. Public only because Jetty looks up the
 * listener methods reflectively.
 *
 * <p>What every socket of the node shares is in one {@link Shared}, so an idle socket holds little
 * more than its session.
 */
public final class GatewaySocket implements Session.Listener.AutoDemanding, FrameSink, Outbox.Watcher {
    /** Resumable (Discord clients resume on anything but 1000/1001 and 4004, 4010-4014). */
    static final int SEND_QUEUE_FULL_CODE = 4000;
    private static final Logger log = LoggerFactory.getLogger(GatewaySocket.class);
    private static final VarHandle RELEASED;

    static {
        try {
            RELEASED = MethodHandles.lookup().findVarHandle(GatewaySocket.class, "released", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The node's parts every socket uses; {@code admission} gets each socket's place back once it closes.
     * {@code nodeId} is the node id as the logs' MDC carries it.
     */
    record Shared(GatewayProtocol protocol, SessionRegistry sessions, GatewayMetrics metrics, String nodeId, SocketAdmission admission,
                  ZlibStreams zlibStreams, Clock clock) {}

    private final Shared shared;
    private final GatewayParams params;
    private final GatewaySession session;
    private final GatewayProtocol.ClientState client = new GatewayProtocol.ClientState();
    /** Present when the connection asked for {@code compress=zlib-stream}; every frame then goes through it. */
    private final Optional<ZlibStream> zlib;
    private volatile Session socket;
    /** The code the node closed with, so a disconnect is counted under it and not the echo. */
    private volatile int serverCloseCode;
    /** Set once the socket's place went back to the admission (on close or error, whichever is first). */
    @SuppressWarnings("unused")
    private volatile boolean released;

    /** Claims nothing itself: the caller has admitted the socket, and its place is given back when it closes. */
    GatewaySocket(Shared shared, GatewayParams params, long sendQueueMaxBytes) {
        this.shared = shared;
        this.params = params;
        this.session = new GatewaySession(this, shared.clock().millis());
        this.zlib = params.compression() == TransportCompression.ZLIB_STREAM ? Optional.of(shared.zlibStreams().open()) : Optional.empty();
        session.outbox().bound(sendQueueMaxBytes, this);
    }

    @Override
    public void onWebSocketOpen(Session socket) {
        this.socket = socket;
        zlib.ifPresent(z -> shared.metrics().zlibStreamOpened());
        shared.sessions().opened(session);
        guarded(() -> {
            params.rejection().ifPresent(close -> {
                throw close;
            });
            shared.protocol().opened(session);
        });
    }

    @Override
    public void onWebSocketText(String text) {
        guarded(() -> shared.protocol().received(session, client, text));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        guarded(shared.protocol()::receivedBinary);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        release();
        withContext(() -> log.debug("socket error: {}", cause.toString()));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        release();
        withContext(() -> {
            int code = serverCloseCode != 0 ? serverCloseCode : statusCode;
            shared.metrics().disconnected(code);
            zlib.ifPresent(z -> {
                z.close();
                shared.metrics().zlibStreamClosed();
            });
            try {
                shared.sessions().closed(session, code);
            } catch (RuntimeException e) {
                log.warn("could not unregister a closed session", e);
            }
            shared.protocol().closed(session);
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
            byte[] utf8 = frame.getBytes(StandardCharsets.UTF_8);
            shared.metrics().sent(TransportCompression.NONE, utf8.length, utf8.length);
            TextSend.send(socket, utf8, org.eclipse.jetty.util.Callback.from(sent, failed));
            return;
        }
        byte[] payload = frame.getBytes(StandardCharsets.UTF_8);
        Optional<byte[]> compressed = zlib.get().frame(payload);
        if (compressed.isEmpty()) {
            failed.accept(new ClosedChannelException());
            return;
        }
        shared.metrics().sent(TransportCompression.ZLIB_STREAM, payload.length, compressed.get().length);
        socket.sendBinary(ByteBuffer.wrap(compressed.get()), Callback.from(sent, failed));
    }

    @Override
    public void close(int code, String reason) {
        serverCloseCode = code;
        socket.close(code, reason, Callback.NOOP);
    }

    @Override
    public void sent(int bytes) {
        // counted in send(), after compression and before (gateway_sent_*bytes_total)
    }

    @Override
    public void overflowed(long queuedBytes) {
        shared.metrics().sendQueueDropped();
        session.close(SEND_QUEUE_FULL_CODE, "Send queue full: resume to catch up");
    }

    GatewaySession session() {
        return session;
    }

    /** Gives the socket's place back to the admission once, when the socket closes or fails, whichever comes first. */
    private void release() {
        if (RELEASED.compareAndSet(this, false, true)) shared.admission().release();
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
        MDC.put("node_id", shared.nodeId());
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
