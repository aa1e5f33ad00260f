package io.concord.ws.gateway;

import io.concord.common.server.Servers;
import io.concord.ws.WsConfig;
import io.concord.ws.compress.ZlibStreams;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.session.SessionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The gateway's Jetty server: WebSocket upgrades at {@code /}, whatever the query. It binds in its
 * constructor so the port (port 0 in tests) and with it the public URL are known before the
 * protocol, which hands that URL out in READY, is built.
 */
public final class GatewayServer implements AutoCloseable {
    /** Far above Discord's 4096-byte payload limit, which the protocol checks itself to close with 4002. */
    private static final long MAX_MESSAGE_BYTES = 64 * 1024;
    private final Server server;
    private ZlibStreams zlib;

    public GatewayServer(String host, int port) throws Exception {
        this.server = Servers.create("ws", host, port);
        ((ServerConnector) server.getConnectors()[0]).open();
    }

    public int port() {
        return Servers.port(server);
    }

    public void start(WsConfig config, GatewayProtocol protocol, SessionRegistry sessions, GatewayMetrics metrics, Clock clock) throws Exception {
        start(config, protocol, sessions, metrics, clock, () -> false);
    }

    /** @param draining while true, new sockets are refused (503) */
    public void start(WsConfig config, GatewayProtocol protocol, SessionRegistry sessions, GatewayMetrics metrics, Clock clock,
            BooleanSupplier draining) throws Exception {
        SocketAdmission admission = new SocketAdmission(config.maxSessions(), draining);
        zlib = new ZlibStreams(config.zlibWindowBits());
        GatewayEndpoint endpoint = new GatewayEndpoint(protocol, sessions, metrics, config.nodeId(), admission,
                config.sendQueueMaxBytes(), clock, zlib);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            container.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
            // Missed heartbeats are the node's call (4009); Jetty's idle timeout is only a backstop.
            container.setIdleTimeout(Duration.ofMillis(2 * config.heartbeatIntervalMs() + HeartbeatMonitor.GRACE_MS));
            container.addMapping("/", endpoint);
        }));
        server.start();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        if (zlib != null) zlib.close();
    }
}
