package io.concord.common.admin;

import io.concord.common.server.Servers;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * The admin port every process has: {@code /metrics} (Prometheus text), {@code /livez} (the process
 * answers) and {@code /readyz} (every dependency reachable and not draining), plus the POST
 * actions a process registers with {@link #onPost} (the ws-node's {@code /drain}).
 */
public final class AdminServer implements AutoCloseable {
    private final Server server;
    private final Map<String, Runnable> postActions = new ConcurrentHashMap<>();

    public AdminServer(String host, int port, PrometheusRegistry registry, List<HealthCheck> checks, BooleanSupplier draining) {
        this.server = Servers.create("admin", host, port);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                String path = Request.getPathInContext(request);
                Runnable action = postActions.get(path);
                if (action != null) {
                    if (!"POST".equals(request.getMethod())) {
                        response.getHeaders().put(HttpHeader.ALLOW, "POST");
                        reply(response, callback, 405, "text/plain", "POST only\n".getBytes(StandardCharsets.UTF_8));
                    } else {
                        action.run();
                        reply(response, callback, 202, "text/plain", "accepted\n".getBytes(StandardCharsets.UTF_8));
                    }
                    return true;
                }
                switch (path) {
                    case "/metrics" -> {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        PrometheusTextFormatWriter.create().write(out, registry.scrape());
                        reply(response, callback, 200, PrometheusTextFormatWriter.CONTENT_TYPE, out.toByteArray());
                    }
                    case "/livez" -> reply(response, callback, 200, "text/plain", "ok\n".getBytes(StandardCharsets.UTF_8));
                    case "/readyz" -> {
                        StringBuilder body = new StringBuilder();
                        boolean ready = !draining.getAsBoolean();
                        if (!ready) body.append("draining\n");
                        for (HealthCheck c : checks) {
                            boolean ok = safe(c.check());
                            ready &= ok;
                            body.append(c.name()).append(ok ? " ok\n" : " unreachable\n");
                        }
                        reply(response, callback, ready ? 200 : 503, "text/plain", body.toString().getBytes(StandardCharsets.UTF_8));
                    }
                    default -> reply(response, callback, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
                }
                return true;
            }
        });
    }

    private static boolean safe(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void reply(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * Registers an operator action at {@code POST path} (answered 202 once it has been started; any
     * other method is 405). The admin port is for operators only: bind it to a private interface.
     */
    public AdminServer onPost(String path, Runnable action) {
        postActions.put(path, action);
        return this;
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return Servers.port(server);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
