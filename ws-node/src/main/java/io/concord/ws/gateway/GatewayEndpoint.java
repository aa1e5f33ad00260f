package io.concord.ws.gateway;

import io.concord.ws.compress.ZlibStreams;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.session.Outbox;
import io.concord.ws.session.SessionRegistry;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Accepts or refuses each upgrade. A full or draining node answers HTTP 503 before the upgrade:
 * the handshake fails without a socket ever opening, which a load balancer retries on another
 * node and a client library treats as a failed connect (JDA backs off and reconnects, going
 * through {@code GET /gateway/bot}, which no longer gives this node out). Accepting and then
 * closing would instead cost a socket, a HELLO and a close code the client might take as final.
 * The place is claimed atomically (see {@link SocketAdmission}), so a burst cannot overshoot.
 */
final class GatewayEndpoint implements WebSocketCreator {
    /** Resumable (Discord clients resume on anything but 1000/1001 and 4004, 4010-4014). */
    static final int SEND_QUEUE_FULL_CODE = 4000;
    private final GatewayProtocol protocol;
    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;
    private final int nodeId;
    private final SocketAdmission admission;
    private final long sendQueueMaxBytes;
    private final Clock clock;
    private final ZlibStreams zlib;

    GatewayEndpoint(GatewayProtocol protocol, SessionRegistry sessions, GatewayMetrics metrics, int nodeId, SocketAdmission admission,
            long sendQueueMaxBytes, Clock clock, ZlibStreams zlib) {
        this.protocol = protocol;
        this.sessions = sessions;
        this.metrics = metrics;
        this.nodeId = nodeId;
        this.admission = admission;
        this.sendQueueMaxBytes = sendQueueMaxBytes;
        this.clock = clock;
        this.zlib = zlib;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        if (!admission.tryAdmit()) {
            metrics.socketRefused();
            Response.writeError(request, response, callback, 503, "This gateway node is full or draining");
            return null;
        }
        try {
            Fields query = Request.extractQueryParameters(request);
            GatewayParams params = GatewayParams.from(Optional.ofNullable(query.getValue("v")), Optional.ofNullable(query.getValue("encoding")),
                    Optional.ofNullable(query.getValue("compress")));
            GatewaySocket socket = new GatewaySocket(protocol, sessions, metrics, params, nodeId, clock, zlib);
            socket.onReleased(admission::release);
            socket.session().outbox().bound(sendQueueMaxBytes, new Outbox.Watcher() {
                @Override
                public void sent(int bytes) {
                    // counted by GatewaySocket, after compression and before (gateway_sent_*bytes_total)
                }

                @Override
                public void overflowed(long queuedBytes) {
                    metrics.sendQueueDropped();
                    socket.session().close(SEND_QUEUE_FULL_CODE, "Send queue full: resume to catch up");
                }
            });
            return socket;
        } catch (RuntimeException e) {
            admission.release();
            throw e;
        }
    }
}
