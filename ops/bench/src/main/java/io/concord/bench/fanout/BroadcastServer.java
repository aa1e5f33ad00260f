package io.concord.bench.fanout;

import io.concord.common.server.Servers;
import io.concord.ws.gateway.TextSend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The fanout baseline: a bare Jetty 12 WebSocket server set up like the ws-node's GatewayServer (the
 * same {@link Servers} thread pool with virtual threads, message limits and idle timeout, like
 * {@code io.concord.bench.memory.BareServer}) that sends HELLO on open and, on command, broadcasts
 * one pre-encoded MESSAGE_CREATE frame (the same text for every socket) to a group of its sockets.
 * No Concord code is involved: this is the cost of the sockets alone.
 *
 * <p>Driven over stdin: {@code broadcast <messagesPerSecond> <seconds> <groups> <frameFile>}: message
 * k goes to every socket whose index (in the order they opened) is {@code k % groups} modulo
 * {@code groups} (groups = 1: one guild holding every socket; more: that many equal small guilds);
 * answers {@code @@ sent <messages> <frames>} (answers start with {@code @@}; the rest of stdout is logging) when the last message was handed to Jetty.
 *
 * <p>Usage: {@code BroadcastServer <host> <port> <heartbeatIntervalMs> [core|api]}: {@code core} (the
 * default) sends as the ws-node does ({@code TextSend}), {@code api} with Jetty's {@code Session.sendText}.
 */
public final class BroadcastServer {
    private static final long MAX_MESSAGE_BYTES = 64 * 1024;
    private static final long HEARTBEAT_GRACE_MS = 5_000;

    private BroadcastServer() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        long heartbeatMs = Long.parseLong(args[2]);
        boolean apiSend = args.length > 3 && args[3].equals("api");
        String hello = "{\"op\":10,\"d\":{\"heartbeat_interval\":" + heartbeatMs + "}}";
        ConcurrentLinkedQueue<Session> sockets = new ConcurrentLinkedQueue<>();

        Server server = Servers.create("bare", host, port);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            container.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
            container.setIdleTimeout(Duration.ofMillis(2 * heartbeatMs + HEARTBEAT_GRACE_MS));
            container.addMapping("/", (request, response, callback) -> new Socket(hello, sockets));
        }));
        server.start();
        System.out.println("@@ listening on " + host + ":" + Servers.port(server));
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] cmd = line.trim().split("\\s+");
            if (cmd[0].equals("quit")) break;
            if (!cmd[0].equals("broadcast")) continue;
            double rate = Double.parseDouble(cmd[1]);
            double seconds = Double.parseDouble(cmd[2]);
            int groups = Integer.parseInt(cmd[3]);
            String frame = java.nio.file.Files.readString(java.nio.file.Path.of(cmd[4]));
            List<Session> all = new ArrayList<>(sockets);
            List<List<Session>> byGroup = new ArrayList<>();
            for (int g = 0; g < groups; g++) byGroup.add(new ArrayList<>());
            for (int i = 0; i < all.size(); i++) byGroup.get(i % groups).add(all.get(i));
            long messages = Math.round(rate * seconds);
            long frames = 0;
            long start = System.nanoTime();
            for (long k = 0; k < messages; k++) {
                long due = start + (long) (k * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                for (Session s : byGroup.get((int) (k % groups))) {
                    // Encoded per socket and sent as the ws-node sends (its frames differ per session by "s").
                    if (apiSend) s.sendText(frame, Callback.NOOP);
                    else TextSend.send(s, frame.getBytes(StandardCharsets.UTF_8), org.eclipse.jetty.util.Callback.NOOP);
                    frames++;
                }
            }
            System.out.println("@@ sent " + messages + " " + frames);
            System.out.flush();
        }
        server.stop();
        System.exit(0);
    }

    /** One socket: HELLO on open, kept in the broadcast list until it closes; what it receives is ignored. */
    public static final class Socket implements Session.Listener.AutoDemanding {
        private final String hello;
        private final ConcurrentLinkedQueue<Session> sockets;
        private volatile Session session;

        Socket(String hello, ConcurrentLinkedQueue<Session> sockets) {
            this.hello = hello;
            this.sockets = sockets;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            session.sendText(hello, Callback.NOOP);
            sockets.add(session);
        }

        @Override
        public void onWebSocketText(String text) {}

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            Session s = session;
            if (s != null) sockets.remove(s);
        }
    }
}
