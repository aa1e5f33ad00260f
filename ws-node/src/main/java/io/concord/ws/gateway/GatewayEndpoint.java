package io.concord.ws.gateway;

import io.concord.ws.compress.ZlibStreams;
import io.concord.ws.metrics.GatewayMetrics;
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
    private final GatewayMetrics metrics;
    private final SocketAdmission admission;
    private final long sendQueueMaxBytes;
    private final GatewaySocket.Shared shared;

    GatewayEndpoint(GatewayProtocol protocol, SessionRegistry sessions, GatewayMetrics metrics, int nodeId, SocketAdmission admission,
            long sendQueueMaxBytes, Clock clock, ZlibStreams zlib) {
        this.metrics = metrics;
        this.admission = admission;
        this.sendQueueMaxBytes = sendQueueMaxBytes;
        this.shared = new GatewaySocket.Shared(protocol, sessions, metrics, Integer.toString(nodeId), admission, zlib, clock);
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
            return new GatewaySocket(shared, params, sendQueueMaxBytes);
        } catch (RuntimeException e) {
            admission.release();
            throw e;
        }
    }
}
