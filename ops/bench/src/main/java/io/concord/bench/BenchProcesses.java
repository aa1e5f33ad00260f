package io.concord.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What every benchmark does with the processes it starts: their JVM flags, their health and metrics, and stopping them. */
public final class BenchProcesses {
    private BenchProcesses() {}

    /** A {@code -DserverJvm}-style flag string as command-line arguments. */
    public static List<String> jvmFlags(String flags) {
        return flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+"));
    }

    /** SIGTERM, then SIGKILL if it has not exited within 30 s. */
    public static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Waits (up to 120 s) until {@code url} answers 200; fails at once if {@code p} exits meanwhile.
     * {@code logs} is named in the failure, where the process's output went.
     */
    public static void waitReady(Process p, String url, java.nio.file.Path logs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!httpOk(url)) {
            if (!p.isAlive()) throw new IllegalStateException(p.info().commandLine().orElse("?") + " exited with " + p.exitValue() + ", see " + logs);
            if (System.nanoTime() > deadline) throw new IllegalStateException(url + " not ready, see " + logs);
            Thread.sleep(200);
        }
    }

    /** Whether {@code url} answers 200 (a readiness probe). */
    public static boolean httpOk(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** The lines of a Prometheus {@code /metrics} page that are not comments; empty when it cannot be read. */
    public static Optional<List<String>> metricLines(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            try (var in = c.getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList());
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
