package io.concord.bench.memory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.eclipse.jetty.server.Request;
import io.concord.common.server.Servers;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The baseline: a bare Jetty 12 WebSocket server set up like the ws-node's GatewayServer (a
 * QueuedThreadPool whose handlers run on virtual threads, the same message limits and idle
 * timeout) that accepts every socket at {@code /}, sends a HELLO-sized text frame and holds the
 * socket. With {@code compress=zlib-stream} in the query it keeps one {@link Deflater} per
 * connection, as a zlib-stream gateway must, and sends the HELLO through it as a binary frame
 * ending in a sync flush. No Concord code is involved.
 *
 * <p>Usage: {@code BareServer <host> <port> <heartbeatIntervalMs>}
 */
public final class BareServer {
    private static final long MAX_MESSAGE_BYTES = 64 * 1024;
    private static final long HEARTBEAT_GRACE_MS = 5_000;

    private BareServer() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        long heartbeatMs = Long.parseLong(args[2]);
        String hello = "{\"op\":10,\"d\":{\"heartbeat_interval\":" + heartbeatMs + "}}";

        // The same Jetty server the ws-node's GatewayServer is built on (virtual threads, limits).
        Server server = Servers.create("bare", host, port);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            container.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
            container.setIdleTimeout(Duration.ofMillis(2 * heartbeatMs + HEARTBEAT_GRACE_MS));
            container.addMapping("/", (request, response, callback) -> {
                Fields query = Request.extractQueryParameters(request);
                return new HeldSocket(hello, "zlib-stream".equals(query.getValue("compress")));
            });
        }));
        server.start();
        System.out.println("bare server listening on " + host + ":" + Servers.port(server));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        server.join();
    }

    /** One held connection: the socket and, with compression, its zlib context. */
    public static final class HeldSocket implements Session.Listener.AutoDemanding {
        private final String hello;
        private final Deflater deflater;
        private volatile Session session;

        HeldSocket(String hello, boolean compress) {
            this.hello = hello;
            this.deflater = compress ? new Deflater() : null;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            if (deflater == null) {
                session.sendText(hello, Callback.NOOP);
            } else {
                session.sendBinary(deflate(hello), Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketText(String text) {
            // Heartbeats and anything else are ignored: the baseline only holds sockets.
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            callback.succeed();
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            if (deflater != null) {
                synchronized (deflater) {
                    deflater.end();
                }
            }
        }

        private ByteBuffer deflate(String text) {
            synchronized (deflater) {
                deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
                byte[] out = new byte[256];
                int n = 0;
                while (true) {
                    n += deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
                    if (n < out.length) break;
                    out = Arrays.copyOf(out, out.length * 2);
                }
                return ByteBuffer.wrap(out, 0, n);
            }
        }
    }
}
