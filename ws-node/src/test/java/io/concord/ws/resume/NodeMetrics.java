package io.concord.ws.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.WsNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a node's /metrics, and waits for a value there (how a test knows the node saw a socket go). */
final class NodeMetrics {
    private static final HttpClient http = HttpClient.newHttpClient();

    private NodeMetrics() {}

    static double value(WsNode node, String series) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Waits (up to 10 s) until the node holds no open socket. */
    static void awaitNoOpenSockets(WsNode node) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (value(node, "gateway_sessions") > 0) {
            assertThat(System.nanoTime()).as("the node to see its sockets closed").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
