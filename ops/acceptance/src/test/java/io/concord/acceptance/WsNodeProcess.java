package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.test.TestStack;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A ws-node in a JVM of its own, started with {@code io.concord.ws.Main} and the test stack's
 * environment, so a test can kill it (SIGKILL) or stop it (SIGTERM) for real. Its log goes to
 * {@code target/ws-node-<id>.log}.
 */
final class WsNodeProcess implements AutoCloseable {
    private static final HttpClient http = HttpClient.newHttpClient();
    private final int nodeId;
    private final int adminPort;
    private final Process process;
    final String url;

    WsNodeProcess(int nodeId, Map<String, String> settings) throws Exception {
        this.nodeId = nodeId;
        int port = freePort();
        this.adminPort = freePort();
        Map<String, String> env = new HashMap<>(TestStack.env(Map.of("NODE_ID", Integer.toString(nodeId),
                "WS_PORT", Integer.toString(port), "ADMIN_PORT", Integer.toString(adminPort))));
        env.putAll(settings);
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "io.concord.ws.Main");
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(new File("target/ws-node-" + nodeId + ".log"));
        this.process = pb.start();
        this.url = "ws://127.0.0.1:" + port;
        awaitReady();
    }

    /** GET /readyz on the admin port; -1 when nothing answers. */
    int readyz() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/readyz")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (readyz() != 200) {
            assertThat(process.isAlive()).as("the ws-node process (see target/ws-node-" + nodeId + ".log)").isTrue();
            assertThat(System.nanoTime()).as("the ws-node process to be ready").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** SIGKILL: no shutdown path runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as an orchestrator stops a node: the node drains and exits by itself. */
    void terminate() {
        process.destroy();
    }

    /** The exit code, waiting at most {@code wait}; fails if the process is still running then. */
    int awaitExit(Duration wait) throws InterruptedException {
        assertThat(process.waitFor(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("ws-node " + nodeId + " to exit within " + wait).isTrue();
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
