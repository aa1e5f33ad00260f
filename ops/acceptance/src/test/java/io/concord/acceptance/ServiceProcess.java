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
 * A Concord service in a JVM of its own, started through its {@code main} with the test stack's
 * environment, so a test can kill it (SIGKILL) or stop it (SIGTERM) for real. Its log goes to
 * {@code target/<name>.log}.
 */
final class ServiceProcess implements AutoCloseable {
    private static final HttpClient http = HttpClient.newHttpClient();
    private final String name;
    private final int adminPort;
    private final Process process;
    /** The gateway URL of a ws-node; empty for other services. */
    final String url;

    private ServiceProcess(String name, String mainClass, Map<String, String> settings, int wsPort) throws Exception {
        this.name = name;
        this.adminPort = freePort();
        Map<String, String> env = new HashMap<>(TestStack.env(Map.of("ADMIN_PORT", Integer.toString(adminPort))));
        env.putAll(settings);
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), mainClass);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(new File("target/" + name + ".log"));
        this.process = pb.start();
        this.url = wsPort == 0 ? "" : "ws://127.0.0.1:" + wsPort;
        awaitReady();
    }

    /** A ws-node with its own node id, on a free port. */
    static ServiceProcess wsNode(int nodeId, Map<String, String> settings) throws Exception {
        int port = freePort();
        Map<String, String> env = new HashMap<>(Map.of("NODE_ID", Integer.toString(nodeId), "WS_PORT", Integer.toString(port)));
        env.putAll(settings);
        return new ServiceProcess("ws-node-" + nodeId, "io.concord.ws.Main", env, port);
    }

    /** A fanout-worker with the given worker id. */
    static ServiceProcess fanoutWorker(String workerId, Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("WORKER_ID", workerId));
        env.putAll(settings);
        return new ServiceProcess(workerId, "io.concord.fanout.Main", env, 0);
    }

    /** A readstate-worker with the given worker id. */
    static ServiceProcess readstateWorker(String workerId, Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("WORKER_ID", workerId));
        env.putAll(settings);
        return new ServiceProcess(workerId, "io.concord.readstate.Main", env, 0);
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
            assertThat(process.isAlive()).as(name + " (see target/" + name + ".log)").isTrue();
            assertThat(System.nanoTime()).as(name + " to be ready").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** SIGKILL: no shutdown path runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as an orchestrator stops a service: a ws-node drains first, a worker hands its partitions back. */
    void terminate() {
        process.destroy();
    }

    /** The exit code, waiting at most {@code wait}; fails if the process is still running then. */
    int awaitExit(Duration wait) throws InterruptedException {
        assertThat(process.waitFor(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .as(name + " to exit within " + wait).isTrue();
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
