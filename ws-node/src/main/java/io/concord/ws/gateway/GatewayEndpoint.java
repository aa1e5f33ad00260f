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
 * Accepts or refuses each upgrade. A full node answers 503 before the upgrade, so the client (or
 * the load balancer) tries another node instead of holding a socket that would be closed at once.
 * The check is not atomic with the session count; a burst may overshoot by a few sockets, which
 * the node's file limit leaves room for.
 */
final class GatewayEndpoint implements WebSocketCreator {
    private final GatewayProtocol protocol;
    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;
    private final int nodeId;
    private final int maxSessions;
    private final Clock clock;
    private final ZlibStreams zlib;

    GatewayEndpoint(GatewayProtocol protocol, SessionRegistry sessions, GatewayMetrics metrics, int nodeId, int maxSessions, Clock clock,
                    ZlibStreams zlib) {
        this.protocol = protocol;
        this.sessions = sessions;
        this.metrics = metrics;
        this.nodeId = nodeId;
        this.maxSessions = maxSessions;
        this.clock = clock;
        this.zlib = zlib;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        if (sessions.count() >= maxSessions) {
            Response.writeError(request, response, callback, 503, "This gateway node is full");
            return null;
        }
        Fields query = Request.extractQueryParameters(request);
        GatewayParams params = GatewayParams.from(Optional.ofNullable(query.getValue("v")), Optional.ofNullable(query.getValue("encoding")),
                Optional.ofNullable(query.getValue("compress")));
        return new GatewaySocket(protocol, sessions, metrics, params, nodeId, clock, zlib);
    }
}
