package io.concord.ws.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.WsNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One series of a node's Prometheus endpoint, read over HTTP like a scraper. */
public final class NodeMetrics {
    private NodeMetrics() {}

    /** The value of the series named exactly {@code series} (name and labels), 0 if absent. */
    public static double value(WsNode node, String series) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body().lines().filter(l -> l.startsWith(series + " "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(series.length()).trim())).sum();
        }
    }
}
