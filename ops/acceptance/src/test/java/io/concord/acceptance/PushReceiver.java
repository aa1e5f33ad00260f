package io.concord.acceptance;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local push service / webhook receiver (the JDK's HttpServer): records every POST per path and
 * answers each path's scripted statuses in order, then 201 (as push services answer).
 */
final class PushReceiver implements AutoCloseable {
    record Request(String path, Map<String, List<String>> headers, byte[] body, int answered) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, BlockingQueue<Request>> received = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();

    PushReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Integer scripted;
            Deque<Integer> script = scripts.get(path);
            synchronized (this) {
                scripted = script == null ? null : script.pollFirst();
            }
            int status = scripted == null ? 201 : scripted;
            queue(path).add(new Request(path, Map.copyOf(exchange.getRequestHeaders()), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    private BlockingQueue<Request> queue(String path) {
        return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    /** The URL of a fresh path, answering {@code statuses} to its first requests. */
    String url(String path, Integer... statuses) {
        scripts.put(path, new ArrayDeque<>(List.of(statuses)));
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request to the path; fails the test after a generous wait. */
    Request next(String path) throws InterruptedException {
        Request r = queue(path).poll(60, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no request to " + path + " within 60 s");
        return r;
    }

    /** A request already received and not yet taken (for negatives, checked after a later request proved progress). */
    Optional<Request> taken(String path) {
        return Optional.ofNullable(queue(path).poll());
    }

    Optional<Request> within(String path, Duration wait) throws InterruptedException {
        return Optional.ofNullable(queue(path).poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
