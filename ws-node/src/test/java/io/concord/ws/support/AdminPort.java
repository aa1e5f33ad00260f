package io.concord.ws.support;

import io.concord.ws.WsNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP against a node's admin port: metrics, readiness, operator actions. */
public final class AdminPort implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final WsNode node;

    public AdminPort(WsNode node) {
        this.node = node;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one series in {@code /metrics} (e.g. {@code gateway_disconnects_total{close_code="4000"}}), 0 if absent. */
    public double metric(String series) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Waits (generously) until a series reaches {@code value}, for counts that follow a socket's close. */
    public double awaitMetric(String series, double value) throws Exception {
        long deadline = System.nanoTime() + GatewayClient.WAIT.toNanos();
        double now = metric(series);
        while (now != value && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = metric(series);
        }
        return now;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + node.adminPort() + path);
    }

    @Override
    public void close() {
        http.close();
    }
}
