package io.concord.bench.memory;

import io.concord.bench.BenchParams;
import io.concord.bench.BenchProcesses;
import io.concord.common.config.Env;
import io.concord.common.config.StoreConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Set;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Memory per idle gateway session: a real ws-node ({@code io.concord.ws.Main}) and a bare Jetty
 * WebSocket server ({@link BareServer}), each its own JVM with the same flags, are loaded in turn
 * with idle sockets from separate {@link LoadClient} processes. At each load, once every socket is
 * ready (ws-node: READY received), the server gets full GCs and its heap use and RSS are read; the
 * slope of each over the session count is fitted by least squares, and the ws-node's slope is
 * compared with the bare one.
 *
 * <p>Every parameter is a system property; {@link #main} prints each with its value and default.
 */
public final class MemoryBench {
    private record Sample(int sessions, long heapBytes, long rssBytes) {}

    private record Result(String server, List<Sample> samples, Fit heap, Fit rss) {}

    private final BenchParams params = new BenchParams(Set.of("classpath", "tokenSecret"));

    private MemoryBench() {}

    private String param(String name, String fallback, String help) {
        return params.get(name, fallback, help);
    }

    public static void main(String[] args) throws Exception {
        // An interrupted run (Ctrl-C) must not leave its servers and clients holding sockets.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        new MemoryBench().run();
    }

    private void run() throws Exception {
        String javaHome = System.getProperty("java.home");
        List<Integer> loads = Arrays.stream(param("loads", "1000,5000,10000,15000,19000", "session counts measured, ascending").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        List<String> servers = List.of(param("servers", "bare,concord", "servers measured, in this order").split(","));
        String compress = param("compress", "", "zlib-stream adds compress=zlib-stream to the connect URL; empty = none");
        int clients = Integer.parseInt(param("clients", "2", "client processes the sockets are split across"));
        int concurrency = Integer.parseInt(param("concurrency", "64", "handshakes in flight per client process"));
        long openTimeoutSec = Long.parseLong(param("openTimeoutSec", "120", "per-socket limit to become ready"));
        String serverJvm = param("serverJvm", "-Xms64m -Xmx4g -XX:+UseG1GC", "JVM flags of both servers");
        String clientJvm = param("clientJvm", "-Xmx3g", "JVM flags of each client process");
        long heartbeatMs = Long.parseLong(param("heartbeatMs", "600000", "WS_HEARTBEAT_INTERVAL_MS; clients beat only after 90% of it"));
        int users = Integer.parseInt(param("users", "300", "users seeded; sessions share their tokens round-robin"));
        int guildSize = Integer.parseInt(param("guildSize", "30", "members per seeded guild (0: users hold no guild)"));
        long settleMs = Long.parseLong(param("settleMs", "3000", "pause after the last socket is ready, before the GCs"));
        int gcRuns = Integer.parseInt(param("gcRuns", "2", "jcmd GC.run calls before each reading"));
        int nodeId = Integer.parseInt(param("nodeId", "1013", "the ws-node's NODE_ID (also the seeder's snowflake worker)"));
        String redisUrl = param("redisUrl", "redis://127.0.0.1:6379/13", "REDIS_URL of the ws-node");
        String postgresUrl = param("postgresUrl", "jdbc:postgresql://127.0.0.1:5433/concord", "POSTGRES_URL of the stack `ops/concord up` starts (300 bench users are added)");
        String postgresUser = param("postgresUser", "concord", "POSTGRES_USER");
        String postgresPassword = param("postgresPassword", "concord", "POSTGRES_PASSWORD");
        String cqlKeyspace = param("cqlKeyspace", "concord", "CQL_KEYSPACE (the ws-node reads read states there at IDENTIFY; created if missing)");
        String logDir = param("logDir", "ops/bench/target/memory-logs", "where server and client logs go");
        String classpath = param("classpath", System.getProperty("java.class.path"), "classpath of every child JVM");
        int histogramTop = Integer.parseInt(param("histogramTop", "15", "classes printed from each server's histogram at the last load (0: none)"));
        boolean histogramEach = Boolean.parseBoolean(param("histogramEach", "false", "true: also write each server's histogram at every load (<server>-histogram-<sessions>.txt)"));
        boolean heapDump = Boolean.parseBoolean(param("heapDump", "false", "true: write each server's heap dump at the last load (<server>.hprof, large)"));
        String tokenSecret = param("tokenSecret", "", "TOKEN_SECRET; empty = a random one for this run");

        System.out.println("# Concord memory benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, java " + System.getProperty("java.version") + " at " + javaHome);
        params.print();
        if (loads.size() < 2) throw new IllegalArgumentException("need at least two loads to fit a slope");

        if (tokenSecret.isEmpty()) {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            tokenSecret = HexFormat.of().formatHex(b);
        }
        Path logs = Path.of(logDir);
        Files.createDirectories(logs);
        Map<String, String> storeEnv = new LinkedHashMap<>();
        storeEnv.put("REDIS_URL", redisUrl);
        storeEnv.put("POSTGRES_URL", postgresUrl);
        storeEnv.put("POSTGRES_USER", postgresUser);
        storeEnv.put("POSTGRES_PASSWORD", postgresPassword);
        storeEnv.put("CQL_CONTACT_POINTS", "127.0.0.1:9042");
        storeEnv.put("CQL_LOCAL_DC", "datacenter1");
        storeEnv.put("CQL_KEYSPACE", cqlKeyspace);
        Path tokens = logs.resolve("tokens.txt");
        boolean seeds = servers.contains("concord");
        if (seeds) {
            long t0 = System.nanoTime();
            io.concord.common.store.Cql.migrate(StoreConfig.from(new Env(storeEnv)));
            List<String> issued = Seed.users(StoreConfig.from(new Env(storeEnv)), tokenSecret, users, guildSize, nodeId);
            Files.write(tokens, issued);
            System.out.printf("# seeded %d users in guilds of %d in %d ms%n", users, guildSize, (System.nanoTime() - t0) / 1_000_000);
        } else {
            Files.write(tokens, List.of());
        }

        Path java = Path.of(javaHome, "bin", "java");
        Probe probe = new Probe(Path.of(javaHome, "bin", "jcmd"));
        List<Result> results = new ArrayList<>();
        for (String server : servers) {
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of(java.toString()));
            cmd.addAll(BenchProcesses.jvmFlags(serverJvm));
            cmd.addAll(List.of("-cp", classpath));
            ProcessBuilder pb;
            if (server.equals("concord")) {
                int adminPort = freePort();
                cmd.add("io.concord.ws.Main");
                pb = new ProcessBuilder(cmd);
                pb.environment().putAll(storeEnv);
                pb.environment().put("TOKEN_SECRET", tokenSecret);
                pb.environment().put("NODE_ID", Integer.toString(nodeId));
                pb.environment().put("WS_BIND_HOST", "127.0.0.1");
                pb.environment().put("WS_PORT", Integer.toString(port));
                pb.environment().put("WS_PUBLIC_URL", "");
                pb.environment().put("ADMIN_PORT", Integer.toString(adminPort));
                pb.environment().put("WS_HEARTBEAT_INTERVAL_MS", Long.toString(heartbeatMs));
                pb.environment().put("WS_MAX_SESSIONS", Integer.toString(loads.getLast() + 100));
                pb.environment().put("ACCESS_TOKEN_TTL_SECONDS", "21600");
                results.add(measure(server, pb, logs, () -> BenchProcesses.httpOk("http://127.0.0.1:" + adminPort + "/readyz"),
                        () -> gauge("http://127.0.0.1:" + adminPort + "/metrics", "gateway_sessions"), histogramTop, histogramEach, heapDump, port, loads, compress,
                        clients, concurrency, openTimeoutSec, clientJvm, java, classpath, tokens, settleMs, gcRuns, probe, true));
            } else if (server.equals("bare")) {
                cmd.addAll(List.of(BareServer.class.getName(), "127.0.0.1", Integer.toString(port), Long.toString(heartbeatMs)));
                pb = new ProcessBuilder(cmd);
                results.add(measure(server, pb, logs, () -> tcpOpen(port), () -> "-", histogramTop, histogramEach, heapDump, port, loads, compress,
                        clients, concurrency, openTimeoutSec, clientJvm, java, classpath, tokens, settleMs, gcRuns, probe, false));
            } else {
                throw new IllegalArgumentException("unknown server " + server);
            }
        }

        System.out.println();
        System.out.printf("# summary (compression %s)%n", compress.isEmpty() ? "off" : compress);
        for (Result r : results) {
            System.out.printf("%-8s heap slope %8.0f B/session (R2 %.4f)   RSS slope %8.0f B/session (R2 %.4f)%n",
                    r.server(), r.heap().slope(), r.heap().r2(), r.rss().slope(), r.rss().r2());
        }
        Result bare = results.stream().filter(r -> r.server().equals("bare")).findFirst().orElse(null);
        Result concord = results.stream().filter(r -> r.server().equals("concord")).findFirst().orElse(null);
        if (bare != null && concord != null) {
            System.out.printf("ratio concord/bare: heap %.2fx   RSS %.2fx   (target <= 1.25x with compression off)%n",
                    concord.heap().slope() / bare.heap().slope(), concord.rss().slope() / bare.rss().slope());
        }
    }

    private interface Check {
        boolean ok();
    }

    /** What the server itself says it holds: the ws-node's {@code gateway_sessions} gauge. */
    private interface Count {
        String read();
    }

    private Result measure(String server, ProcessBuilder pb, Path logs, Check up, Count count, int histogramTop, boolean histogramEach, boolean heapDump, int port, List<Integer> loads, String compress,
                           int clients, int concurrency, long openTimeoutSec, String clientJvm, Path java, String classpath,
                           Path tokens, long settleMs, int gcRuns, Probe probe, boolean identify) throws Exception {
        String suffix = compress.isEmpty() ? "" : "-" + compress;
        pb.redirectErrorStream(true).redirectOutput(logs.resolve(server + suffix + "-server.log").toFile());
        Process proc = pb.start();
        List<Process> clientProcs = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!up.ok()) {
                if (!proc.isAlive()) throw new IllegalStateException(server + " exited with " + proc.exitValue() + ", see " + logs);
                if (System.nanoTime() > deadline) throw new IllegalStateException(server + " did not come up, see " + logs);
                Thread.sleep(200);
            }
            String url = "ws://127.0.0.1:" + port + "/?v=10&encoding=json" + (compress.isEmpty() ? "" : "&compress=" + compress);
            System.out.println();
            System.out.printf("# %s: pid %d, %s%n", server, proc.pid(), url);
            List<PrintWriter> toClients = new ArrayList<>();
            List<BufferedReader> fromClients = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                List<String> cmd = new ArrayList<>(List.of(java.toString()));
                cmd.addAll(BenchProcesses.jvmFlags(clientJvm));
                cmd.addAll(List.of("-cp", classpath, LoadClient.class.getName(), url, identify ? "identify" : "hello",
                        tokens.toString(), Boolean.toString(!compress.isEmpty()), Integer.toString(concurrency), Long.toString(openTimeoutSec)));
                Process cp = new ProcessBuilder(cmd).redirectError(logs.resolve(server + suffix + "-client" + c + ".log").toFile()).start();
                clientProcs.add(cp);
                toClients.add(new PrintWriter(cp.getOutputStream(), true, StandardCharsets.UTF_8));
                fromClients.add(new BufferedReader(new InputStreamReader(cp.getInputStream(), StandardCharsets.UTF_8)));
            }
            Probe.Memory idle = probe.afterFullGc(proc.pid(), gcRuns);
            System.out.printf("%-8s %8s %12s %12s %14s %10s %12s%n", "server", "sessions", "heap MiB", "RSS MiB", "committed MiB", "open s", "node count");
            System.out.printf("%-8s %8d %12.1f %12.1f %14.1f %10s %12s%n", server, 0, mib(idle.heapBytes()), mib(idle.rssBytes()),
                    mib(idle.committedBytes()), "-", count.read());
            List<Sample> samples = new ArrayList<>();
            for (int load : loads) {
                long t0 = System.nanoTime();
                for (int c = 0; c < clients; c++) toClients.get(c).println("open " + (load / clients + (c < load % clients ? 1 : 0)));
                int held = 0, failed = 0, dropped = 0;
                for (int c = 0; c < clients; c++) {
                    String line = fromClients.get(c).readLine();
                    if (line == null) throw new IllegalStateException("client " + c + " died, see " + logs);
                    String[] f = line.split(" ");
                    held += Integer.parseInt(f[1]);
                    failed += Integer.parseInt(f[3]);
                    dropped += Integer.parseInt(f[5]);
                }
                double openSec = (System.nanoTime() - t0) / 1e9;
                Thread.sleep(settleMs);
                Probe.Memory m = probe.afterFullGc(proc.pid(), gcRuns);
                samples.add(new Sample(held - dropped, m.heapBytes(), m.rssBytes()));
                System.out.printf("%-8s %8d %12.1f %12.1f %14.1f %10.1f %12s%s%n", server, held - dropped, mib(m.heapBytes()), mib(m.rssBytes()),
                        mib(m.committedBytes()), openSec,
                        count.read(),
                        failed + dropped > 0 ? "   (failed " + failed + ", dropped " + dropped + ": see " + logs + ")" : "");
                if (histogramEach) probe.histogram(proc.pid(), logs.resolve(server + suffix + "-histogram-" + (held - dropped) + ".txt"), 0);
            }
            if (heapDump) {
                Path file = logs.resolve(server + suffix + ".hprof");
                Files.deleteIfExists(file);
                probe.heapDump(proc.pid(), file);
                System.out.printf("# %s heap dump at %d sessions: %s%n", server, samples.getLast().sessions(), file);
            }
            if (histogramTop > 0) {
                Path file = logs.resolve(server + suffix + "-histogram.txt");
                System.out.printf("# %s live objects at %d sessions (full histogram: %s)%n", server, samples.getLast().sessions(), file);
                probe.histogram(proc.pid(), file, histogramTop).forEach(l -> System.out.println("#  " + l));
            }
            for (PrintWriter w : toClients) w.println("quit");
            Fit heap = Fit.of(samples.stream().map(s -> (long) s.sessions()).toList(), samples.stream().map(Sample::heapBytes).toList());
            Fit rss = Fit.of(samples.stream().map(s -> (long) s.sessions()).toList(), samples.stream().map(Sample::rssBytes).toList());
            System.out.printf("%-8s heap slope %.0f B/session (R2 %.4f, intercept %.1f MiB); RSS slope %.0f B/session (R2 %.4f, intercept %.1f MiB)%n",
                    server, heap.slope(), heap.r2(), mib((long) heap.intercept()), rss.slope(), rss.r2(), mib((long) rss.intercept()));
            return new Result(server, samples, heap, rss);
        } finally {
            for (Process cp : clientProcs) BenchProcesses.stop(cp);
            BenchProcesses.stop(proc);
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean tcpOpen(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String gauge(String url, String name) {
        return BenchProcesses.metricLines(url).flatMap(lines -> lines.stream()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1).replaceAll("\\.0$", "")).findFirst()).orElse("?");
    }
}
