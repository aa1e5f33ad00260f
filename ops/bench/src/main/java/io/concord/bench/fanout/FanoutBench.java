package io.concord.bench.fanout;

import io.concord.bench.BenchParams;
import io.concord.bench.BenchProcesses;
import io.concord.bench.MetricHistogram;
import io.concord.bench.FrameAges;
import io.concord.bench.memory.LoadClient;
import io.concord.bench.memory.Seed;
import io.concord.common.config.Env;
import io.concord.common.config.StoreConfig;
import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.store.Redis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.RedisClient;

/**
 * Fanout benchmarks against real processes on this machine.
 *
 * <p>{@code -Dmode=throughput}: dispatches delivered per second per ws-node CPU core. For each
 * scenario ({@code one}: one guild holding every session; {@code small}: many small guilds) and each
 * server in turn: {@code concord} is a real ws-node plus a real fanout-worker, fed by appending
 * MESSAGE_CREATE events to the guild streams with {@link EventStreams} from this process (the
 * api-node is left out so that its CPU does not compete with the ws-node's on a small machine);
 * {@code bare} is {@link BroadcastServer}, which sends the same pre-encoded frame to the same number
 * of sockets per message. Clients are {@link LoadClient} processes that count the MESSAGE_CREATE
 * frames they receive; the server's CPU time comes from {@code /proc/<pid>/stat}.
 *
 * <p>{@code -Dmode=latency}: api-node, fanout-worker and ws-node; messages are POSTed at increasing
 * rates, each carrying its send time, and the clients histogram the age of each frame on arrival.
 *
 * <p>{@code -Dmode=large}: one guild past the ws-node's LARGE_GUILD_MEMBERS; the same message stream
 * with every session subscribed to the channel (op 14) and with only every n-th one subscribed
 * (read-on-demand for the rest): frames sent, withheld, unread hints and the ws-node's CPU.
 *
 * <p>Every parameter is a system property; the run prints each with its value and default first.
 */
public final class FanoutBench {
    private final BenchParams params = new BenchParams(Set.of("classpath"));
    /** The services' JVM flags as ops/concord starts them (CONCORD_SERVICE_JVM_FLAGS in ops/lib/services.sh). */
    static final String SERVICE_JVM_FLAGS = "-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Xms512m -Xmx512m -XX:+AlwaysPreTouch";

    private FanoutBench() {}

    private String param(String name, String fallback, String help) {
        return params.get(name, fallback, help);
    }

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        new FanoutBench().run();
        System.exit(0);
    }

    // parameters
    private String mode;
    private String latClient;
    private double latWarmupRate;
    private double latWarmupSeconds;
    private int sessions;
    private int repeats;
    private int clients;
    private int concurrency;
    private long openTimeoutSec;
    private String serverJvm;
    private String clientJvm;
    private long heartbeatMs;
    private int oneUsers;
    private int smallUsers;
    private int smallGuildSize;
    private double oneRate;
    private double smallRate;
    private double seconds;
    private double warmupSeconds;
    private long drainTimeoutMs;
    private int wsNodeId;
    private int fanoutNodeId;
    private int apiNodeId;
    private int seedNodeId;
    private int wsPort;
    private int barePort;
    private int apiPort;
    private int wsAdminPort;
    private int fanoutAdminPort;
    private int apiAdminPort;
    private Map<String, String> storeEnv;
    private String tokenSecret;
    private Path logs;
    private String classpath;
    private Path java;

    private void run() throws Exception {
        String javaHome = System.getProperty("java.home");
        mode = param("mode", "throughput", "throughput (deliveries per ws-node core vs bare Jetty), latency (POST to frame, rising rates) or large (read-on-demand vs all subscribed)");
        List<String> servers = List.of(param("servers", "bare,concord", "throughput: servers measured, in this order (bare-api: the bare server sending with Session.sendText, as the baseline did before 2026-11-21)").split(","));
        List<String> scenarios = List.of(param("scenarios", "one,small", "throughput: one = one guild with every session; small = many small guilds").split(","));
        repeats = Integer.parseInt(param("repeats", "1", "throughput: turns per scenario, servers alternating (bare, concord, bare, concord...); the ratio over all turns is printed too"));
        sessions = Integer.parseInt(param("sessions", "15000", "throughput: sockets held (split across the client processes)"));
        oneRate = Double.parseDouble(param("oneRate", "4", "throughput, one guild: messages per second (each to every session)"));
        smallRate = Double.parseDouble(param("smallRate", "400", "throughput, small guilds: messages per second, round-robin over the guilds"));
        seconds = Double.parseDouble(param("seconds", "20", "measurement window per run"));
        warmupSeconds = Double.parseDouble(param("warmupSeconds", "8", "same load before the window, not counted (JIT)"));
        oneUsers = Integer.parseInt(param("oneUsers", "300", "one guild: its members; sessions share their tokens round-robin (under LARGE_GUILD_MEMBERS, so every session gets every message)"));
        smallUsers = Integer.parseInt(param("smallUsers", "3000", "small guilds: users seeded"));
        smallGuildSize = Integer.parseInt(param("smallGuildSize", "30", "small guilds: members per guild (smallUsers / smallGuildSize guilds)"));
        String latRates = param("latRates", "5,10,20,50,100,200,400", "latency: offered POST rates, messages per second, in order");
        int latSessions = Integer.parseInt(param("latSessions", "1000", "latency: sessions in the one guild (oneUsers members)"));
        double latSeconds = Double.parseDouble(param("latSeconds", "15", "latency: seconds per rate"));
        latWarmupRate = Double.parseDouble(param("latWarmupRate", "10", "latency: messages per second of the warm-up before the first rate (not reported)"));
        latWarmupSeconds = Double.parseDouble(param("latWarmupSeconds", "30", "latency: seconds of that warm-up (0: none)"));
        latClient = param("latClient", "frame", "latency: client processes, frame (FrameClient: one selector thread, frames read from the bytes) or jdk (LoadClient: the JDK's HttpClient WebSocket, ~45 us of CPU per frame)");
        int largeSessions = Integer.parseInt(param("largeSessions", "5000", "large: sessions in the one guild"));
        int largeGuildMembers = Integer.parseInt(param("largeGuildMembers", "100", "large: the ws-node's LARGE_GUILD_MEMBERS (below oneUsers, so the guild is large)"));
        String largeEvery = param("largeEvery", "1,10", "large: runs in order; n = every n-th session subscribes to the channel with op 14 (1 = all, 10 = 90% passive)");
        String wsEnv = param("wsEnv", "", "extra ws-node environment, NAME=value,NAME=value (e.g. WS_CHECKPOINT_INTERVAL_MS=5000)");
        for (String kv : wsEnv.split(",")) {
            if (!kv.isBlank()) wsExtraEnv.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
        }
        clients = Integer.parseInt(param("clients", "2", "client processes (each under the open-file limit)"));
        concurrency = Integer.parseInt(param("concurrency", "64", "handshakes in flight per client process"));
        openTimeoutSec = Long.parseLong(param("openTimeoutSec", "180", "per-socket limit to become ready"));
        // Latency is measured with the flags ops/concord runs the services with (CONCORD_SERVICE_JVM_FLAGS in
        // ops/lib/services.sh), since GC pauses are part of it; throughput compares two servers on equal flags.
        serverJvm = param("serverJvm", mode.equals("latency") ? SERVICE_JVM_FLAGS : "-Xms1g -Xmx4g -XX:+UseG1GC",
                "JVM flags of the servers (ws-node, bare, fanout-worker, api-node); latency: those of ops/concord's services");
        clientJvm = param("clientJvm", "-Xmx2g", "JVM flags of each client process");
        heartbeatMs = Long.parseLong(param("heartbeatMs", "600000", "WS_HEARTBEAT_INTERVAL_MS; clients beat only after 90% of it"));
        drainTimeoutMs = Long.parseLong(param("drainTimeoutMs", "60000", "after the last message, wait at most this long for frames to stop arriving"));
        wsNodeId = Integer.parseInt(param("wsNodeId", "1021", "NODE_ID of the ws-node"));
        fanoutNodeId = Integer.parseInt(param("fanoutNodeId", "1022", "NODE_ID of the fanout-worker"));
        apiNodeId = Integer.parseInt(param("apiNodeId", "1020", "NODE_ID of the api-node"));
        seedNodeId = Integer.parseInt(param("seedNodeId", "1023", "snowflake worker of the seeder and of the published message ids"));
        wsPort = Integer.parseInt(param("wsPort", "28081", "ws-node WS_PORT"));
        barePort = Integer.parseInt(param("barePort", "28082", "bare broadcast server port"));
        apiPort = Integer.parseInt(param("apiPort", "28080", "api-node API_PORT"));
        wsAdminPort = Integer.parseInt(param("wsAdminPort", "29092", "ws-node ADMIN_PORT"));
        fanoutAdminPort = Integer.parseInt(param("fanoutAdminPort", "29093", "fanout-worker ADMIN_PORT"));
        apiAdminPort = Integer.parseInt(param("apiAdminPort", "29091", "api-node ADMIN_PORT"));
        String redisUrl = param("redisUrl", "redis://127.0.0.1:6379/8", "REDIS_URL of every Concord process (flushed at the start of each Concord run)");
        String postgresUrl = param("postgresUrl", "jdbc:postgresql://127.0.0.1:5433/concord_fanb", "POSTGRES_URL (bench users and guilds are added)");
        String cqlKeyspace = param("cqlKeyspace", "concord_fanb", "CQL_KEYSPACE (the api-node stores the latency run's messages there)");
        String logDir = param("logDir", "ops/bench/target/fanout-logs", "where server and client logs go");
        classpath = param("classpath", System.getProperty("java.class.path"), "classpath of every child JVM");

        System.out.println("# Concord fanout benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, java " + System.getProperty("java.version") + ", load average " + loadAverage());
        params.print();

        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        tokenSecret = HexFormat.of().formatHex(b);
        logs = Path.of(logDir);
        Files.createDirectories(logs);
        java = Path.of(javaHome, "bin", "java");
        storeEnv = new LinkedHashMap<>();
        storeEnv.put("REDIS_URL", redisUrl);
        storeEnv.put("POSTGRES_URL", postgresUrl);
        storeEnv.put("POSTGRES_USER", "concord");
        storeEnv.put("POSTGRES_PASSWORD", "concord");
        storeEnv.put("CQL_CONTACT_POINTS", "127.0.0.1:9042");
        storeEnv.put("CQL_LOCAL_DC", "datacenter1");
        storeEnv.put("CQL_KEYSPACE", cqlKeyspace);
        StoreConfig stores = StoreConfig.from(new Env(storeEnv));

        // The bench keyspace: the ws-node reads read states from it at IDENTIFY, the api-node stores messages there.
        io.concord.common.store.Cql.migrate(stores);
        if (mode.equals("large")) {
            Seed.Seeded seeded = seed(stores, "one", oneUsers, oneUsers);
            large(stores, seeded, largeSessions, largeGuildMembers, Arrays.stream(largeEvery.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray());
            return;
        }
        if (mode.equals("latency")) {
            Seed.Seeded seeded = seed(stores, "one", oneUsers, oneUsers);
            latency(stores, seeded, latSessions, Arrays.stream(latRates.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray(), latSeconds);
            return;
        }
        List<String> summary = new ArrayList<>();
        for (String scenario : scenarios) {
            boolean one = scenario.equals("one");
            if (!one && !scenario.equals("small")) throw new IllegalArgumentException("unknown scenario " + scenario);
            Seed.Seeded seeded = servers.contains("concord")
                    ? (one ? seed(stores, scenario, oneUsers, oneUsers) : seed(stores, scenario, smallUsers, smallGuildSize)) : null;
            int groups = one ? 1 : smallUsers / smallGuildSize;
            double rate = one ? oneRate : smallRate;
            // Repeated in turns (bare, concord, bare, concord...): on a shared machine the load moves
            // between windows, and alternating exposes both servers to it alike.
            Run bare = null;
            double bareCpu = 0, bareDelivered = 0, concordCpu = 0, concordDelivered = 0;
            for (int turn = 0; turn < repeats; turn++) {
                for (String server : servers) {
                    Run r = switch (server) {
                        case "bare" -> throughputBare(scenario, groups, rate, "core");
                        // The baseline as it sent until 2026-11-21: Jetty's API Session.sendText.
                        case "bare-api" -> throughputBare(scenario, groups, rate, "api");
                        case "concord" -> throughputConcord(scenario, stores, seeded, rate);
                        default -> throw new IllegalArgumentException("unknown server " + server);
                    };
                    String line = r.line();
                    System.out.println(line);
                    summary.add(line);
                    if (server.equals("bare")) {
                        bare = r;
                        bareCpu += r.cpuSec();
                        bareDelivered += r.delivered();
                    }
                    if (server.equals("concord")) {
                        concordCpu += r.cpuSec();
                        concordDelivered += r.delivered();
                    }
                    if (server.equals("concord") && bare != null) {
                        String ratio = String.format("%-8s %-6s ratio concord/bare deliveries per core-second: %.2fx (target >= 0.8x)",
                                scenario, "", r.perCoreSecond() / bare.perCoreSecond());
                        System.out.println(ratio);
                        summary.add(ratio);
                    }
                }
            }
            if (repeats > 1 && bareCpu > 0 && concordCpu > 0) {
                String all = String.format("%-8s %-6s all %d turns: bare %.0f, concord %.0f deliveries per core-second: %.2fx (target >= 0.8x)",
                        scenario, "", repeats, bareDelivered / bareCpu, concordDelivered / concordCpu, (concordDelivered / concordCpu) / (bareDelivered / bareCpu));
                System.out.println(all);
                summary.add(all);
            }
        }
        System.out.println();
        System.out.println("# summary, load average now " + loadAverage());
        System.out.println(Run.HEADER);
        summary.forEach(System.out::println);
    }

    /** One measured window. */
    private record Run(String scenario, String server, int sessions, long messages, long expected, long delivered, double wallSec,
                       double cpuSec, double otherCpuSec, String load) {
        static final String HEADER = String.format("%-8s %-8s %8s %9s %11s %11s %8s %12s %8s %14s %12s  %s", "scenario", "server",
                "sessions", "messages", "expected", "delivered", "wall s", "deliveries/s", "cores", "per core-sec", "worker cores", "load avg");

        double perCoreSecond() {
            return delivered / cpuSec;
        }

        String line() {
            return String.format("%-8s %-8s %8d %9d %11d %11d %8.1f %12.0f %8.2f %14.0f %12s  %s", scenario, server, sessions, messages, expected,
                    delivered, wallSec, delivered / wallSec, cpuSec / wallSec, perCoreSecond(),
                    otherCpuSec < 0 ? "-" : String.format("%.2f", otherCpuSec / wallSec), load);
        }
    }

    private Seed.Seeded seed(StoreConfig stores, String name, int users, int guildSize) throws IOException {
        long t0 = System.nanoTime();
        Seed.Seeded seeded = Seed.seed(stores, tokenSecret, users, guildSize, seedNodeId);
        Files.write(logs.resolve("tokens-" + name + ".txt"), seeded.tokens());
        System.out.printf("# seeded %d users in %d guilds of %d in %d ms%n", users, seeded.guilds().size(), guildSize,
                (System.nanoTime() - t0) / 1_000_000);
        return seeded;
    }

    /** The MESSAGE_CREATE {@code d} the api-node would publish for a plain text message in {@code g}. */
    private static String messagePayload(long messageId, Seed.Guild g, String content) {
        return "{\"id\":\"" + messageId + "\",\"type\":0,\"content\":\"" + content + "\",\"channel_id\":\"" + g.channelId()
                + "\",\"author\":{\"id\":\"" + g.ownerId() + "\",\"username\":\"bench" + g.ownerId()
                + "\",\"discriminator\":\"0\",\"global_name\":\"bench" + g.ownerId() + "\",\"avatar\":null,\"bot\":false},"
                + "\"attachments\":[],\"embeds\":[],\"mentions\":[],\"mention_roles\":[],\"pinned\":false,\"mention_everyone\":false,"
                + "\"tts\":false,\"timestamp\":\"" + Instant.now() + "\",\"edited_timestamp\":null,\"flags\":0,\"components\":[],"
                + "\"nonce\":null,\"guild_id\":\"" + g.guildId() + "\",\"member\":{\"roles\":[],\"joined_at\":\"" + Instant.now()
                + "\",\"deaf\":false,\"mute\":false,\"flags\":0}}";
    }

    // ---- throughput

    private Run throughputBare(String scenario, int groups, double rate, String send) throws Exception {
        List<String> cmd = serverCmd();
        cmd.addAll(List.of(BroadcastServer.class.getName(), "127.0.0.1", Integer.toString(barePort), Long.toString(heartbeatMs), send));
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        PrintWriter toServer = new PrintWriter(server.getOutputStream(), true, StandardCharsets.UTF_8);
        // Its stdout is read continuously (a full pipe would stall its logging threads): answers go to
        // the queue, the rest to the log.
        java.util.concurrent.BlockingQueue<String> answers = new java.util.concurrent.LinkedBlockingQueue<>();
        Path serverLog = logs.resolve(scenario + "-bare-server.log");
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter log = new PrintWriter(Files.newBufferedWriter(serverLog), true)) {
                for (String l; (l = r.readLine()) != null; ) {
                    if (l.startsWith("@@ ")) answers.add(l.substring(3));
                    else log.println(l);
                }
            } catch (IOException e) {
                answers.add("died " + e);
            }
            answers.add("died");
        });
        java.util.concurrent.Callable<String> fromServer = () -> {
            String a = answers.poll(10, TimeUnit.MINUTES);
            if (a == null || a.startsWith("died")) throw new IllegalStateException("bare server: " + a + ", see " + serverLog);
            return a;
        };
        Clients c = null;
        try {
            fromServer.call();
            // The frame Concord sends a session without MESSAGE_CONTENT: the same payload, content blanked.
            Seed.Guild fake = new Seed.Guild(1_300_000_000_000_000_000L, 1_300_000_000_000_000_001L, 1_300_000_000_000_000_002L);
            Path frame = logs.resolve("bare-frame.json");
            Files.writeString(frame, "{\"t\":\"MESSAGE_CREATE\",\"s\":1234,\"op\":0,\"d\":" + messagePayload(1_300_000_000_000_000_003L, fake, "") + "}");
            c = Clients.open(this, "ws://127.0.0.1:" + barePort + "/?v=10&encoding=json", "hello", Path.of("/dev/null"), 513, sessions,
                    logs.resolve(scenario + "-bare"));
            System.out.printf("# %s bare: pid %d, %d sockets held, %d failed%n", scenario, server.pid(), c.held, c.failed);
            if (warmupSeconds > 0) {
                toServer.println("broadcast " + rate + " " + warmupSeconds + " " + groups + " " + frame);
                fromServer.call();
                drain(c, -1);
            }
            long f0 = c.frames();
            double cpu0 = cpuSeconds(server.pid());
            String load0 = loadAverage();
            long t0 = System.nanoTime();
            toServer.println("broadcast " + rate + " " + seconds + " " + groups + " " + frame);
            String sent = fromServer.call();
            String[] f = sent.split(" ");
            long messages = Long.parseLong(f[1]);
            long expected = Long.parseLong(f[2]);
            long[] end = drain(c, expected + f0);
            double cpu = cpuSeconds(server.pid()) - cpu0;
            double wall = (end[1] - t0) / 1e9;
            toServer.println("quit");
            return new Run(scenario, send.equals("api") ? "bare-api" : "bare", c.held, messages, expected, end[0] - f0, wall, cpu, -1, load0 + " -> " + loadAverage());
        } finally {
            if (c != null) c.close();
            BenchProcesses.stop(server);
        }
    }

    private Run throughputConcord(String scenario, StoreConfig stores, Seed.Seeded seeded, double rate) throws Exception {
        List<Process> procs = new ArrayList<>();
        Clients c = null;
        try (RedisClient redis = Redis.connect(stores)) {
            redis.flushDB();
            Process ws = startWsNode(scenario, sessions + 100);
            procs.add(ws);
            Process fanout = startFanout(scenario);
            procs.add(fanout);
            BenchProcesses.waitReady(ws, "http://127.0.0.1:" + wsAdminPort + "/readyz", logs);
            BenchProcesses.waitReady(fanout, "http://127.0.0.1:" + fanoutAdminPort + "/readyz", logs);
            c = Clients.open(this, "ws://127.0.0.1:" + wsPort + "/?v=10&encoding=json", "identify",
                    logs.resolve("tokens-" + scenario + ".txt"), 513, sessions, logs.resolve(scenario + "-concord"));
            System.out.printf("# %s concord: ws-node pid %d, fanout-worker pid %d, %d sessions ready, %d failed%n", scenario, ws.pid(),
                    fanout.pid(), c.held, c.failed);
            EventStreams streams = new EventStreams(redis, stores.guildPartitions(), stores.guildStreamMaxLength());
            SnowflakeGenerator ids = new SnowflakeGenerator(Clock.systemUTC(), seedNodeId);
            List<Seed.Guild> guilds = seeded.guilds();
            // Sessions per guild: tokens are used round-robin, user i is in guild i / guildSize.
            long[] perGuild = new long[guilds.size()];
            int usersPerGuild = seeded.tokens().size() / guilds.size();
            for (int i = 0; i < c.held; i++) perGuild[(i % seeded.tokens().size()) / usersPerGuild]++;
            if (warmupSeconds > 0) {
                publish(streams, ids, guilds, rate, warmupSeconds, perGuild);
                drain(c, -1);
            }
            long f0 = c.frames();
            double cpu0 = cpuSeconds(ws.pid());
            double fcpu0 = cpuSeconds(fanout.pid());
            String load0 = loadAverage();
            long t0 = System.nanoTime();
            long[] sent = publish(streams, ids, guilds, rate, seconds, perGuild);
            long[] end = drain(c, sent[1] + f0);
            System.out.printf("# %s concord: client frame counts %d before the window, %d after%n", scenario, f0, end[0]);
            double cpu = cpuSeconds(ws.pid()) - cpu0;
            double fcpu = cpuSeconds(fanout.pid()) - fcpu0;
            double wall = (end[1] - t0) / 1e9;
            System.out.printf("# %s concord ws-node metrics: %s%n", scenario, metrics("http://127.0.0.1:" + wsAdminPort + "/metrics",
                    "gateway_sessions", "gateway_dispatches", "gateway_read_on_demand_withheld_total", "gateway_send_queue", "gateway_slow"));
            return new Run(scenario, "concord", c.held, sent[0], sent[1], end[0] - f0, wall, cpu, fcpu, load0 + " -> " + loadAverage());
        } finally {
            if (c != null) c.close();
            for (Process p : procs.reversed()) BenchProcesses.stop(p);
        }
    }

    /** Appends {@code rate * secs} MESSAGE_CREATEs round-robin over the guilds; returns {messages, frames expected}. */
    private static long[] publish(EventStreams streams, SnowflakeGenerator ids, List<Seed.Guild> guilds, double rate, double secs, long[] perGuild) {
        long messages = Math.round(rate * secs);
        long expected = 0;
        long start = System.nanoTime();
        for (long k = 0; k < messages; k++) {
            long due = start + (long) (k * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            int gi = (int) (k % guilds.size());
            Seed.Guild g = guilds.get(gi);
            streams.publish(new GuildEvent("MESSAGE_CREATE", g.guildId(), g.channelId(), List.of(),
                    messagePayload(ids.next(), g, "bench fanout message " + k)));
            expected += perGuild[gi];
        }
        return new long[] {messages, expected};
    }

    // ---- large-guild mode

    private void large(StoreConfig stores, Seed.Seeded seeded, int largeSessions, int largeGuildMembers, int[] everies) throws Exception {
        wsExtraEnv.put("LARGE_GUILD_MEMBERS", Integer.toString(largeGuildMembers));
        Seed.Guild g = seeded.guilds().getFirst();
        String metricsUrl = "http://127.0.0.1:" + wsAdminPort + "/metrics";
        List<String> lines = new ArrayList<>();
        for (int every : everies) {
            List<Process> procs = new ArrayList<>();
            Clients c = null;
            try (RedisClient redis = Redis.connect(stores)) {
                redis.flushDB();
                Process ws = startWsNode("large-" + every, largeSessions + 100);
                procs.add(ws);
                Process fanout = startFanout("large-" + every);
                procs.add(fanout);
                BenchProcesses.waitReady(ws, "http://127.0.0.1:" + wsAdminPort + "/readyz", logs);
                BenchProcesses.waitReady(fanout, "http://127.0.0.1:" + fanoutAdminPort + "/readyz", logs);
                c = Clients.open(this, "ws://127.0.0.1:" + wsPort + "/?v=10&encoding=json", "identify", logs.resolve("tokens-one.txt"), 513,
                        largeSessions, logs.resolve("large-" + every), every + ":" + g.guildId() + ":" + g.channelId());
                System.out.printf("# large, every %d-th session subscribed: ws-node pid %d, %d sessions ready, %d failed%n", every, ws.pid(), c.held, c.failed);
                EventStreams streams = new EventStreams(redis, stores.guildPartitions(), stores.guildStreamMaxLength());
                SnowflakeGenerator ids = new SnowflakeGenerator(Clock.systemUTC(), seedNodeId);
                long[] perGuild = {c.held};
                if (warmupSeconds > 0) {
                    publish(streams, ids, seeded.guilds(), oneRate, warmupSeconds, perGuild);
                    drain(c, -1);
                }
                Thread.sleep(6_000); // past LARGE_GUILD_UNREAD_HINT_INTERVAL_MS, so the window's hints are its own
                long f0 = c.frames();
                double sent0 = metricSum(metricsUrl, "gateway_dispatches_sent_total");
                double withheld0 = metricSum(metricsUrl, "gateway_read_on_demand_withheld_total");
                double hints0 = metricSum(metricsUrl, "gateway_dispatches_sent_total{event=\"CHANNEL_UNREAD_UPDATE\"}");
                double cpu0 = cpuSeconds(ws.pid());
                String load0 = loadAverage();
                long t0 = System.nanoTime();
                long[] sent = publish(streams, ids, seeded.guilds(), oneRate, seconds, perGuild);
                long[] end = drain(c, -1);
                Thread.sleep(6_000); // the last hints
                double cpu = cpuSeconds(ws.pid()) - cpu0;
                double wall = (end[1] - t0) / 1e9;
                String line = String.format("%-6d %8d %9d %14d %14.0f %14.0f %10.0f %10.2f %12.1f  %s", every, c.held, sent[0], end[0] - f0,
                        metricSum(metricsUrl, "gateway_dispatches_sent_total") - sent0,
                        metricSum(metricsUrl, "gateway_read_on_demand_withheld_total") - withheld0,
                        metricSum(metricsUrl, "gateway_dispatches_sent_total{event=\"CHANNEL_UNREAD_UPDATE\"}") - hints0,
                        cpu, 1000 * cpu / sent[0], load0 + " -> " + loadAverage());
                System.out.println(line);
                lines.add(line);
            } finally {
                if (c != null) c.close();
                for (Process p : procs.reversed()) BenchProcesses.stop(p);
            }
        }
        System.out.println();
        System.out.printf("%-6s %8s %9s %14s %14s %14s %10s %10s %12s  %s%n", "every", "sessions", "messages", "MSG_CREATE rx",
                "all sent", "withheld", "hints", "ws cpu s", "cpu ms/msg", "load avg");
        lines.forEach(System.out::println);
    }

    /** The sum of the values of every metric line starting with {@code prefix} (a name, or a name with its labels). */
    private static double metricSum(String url, String prefix) {
        String all = metrics(url, prefix);
        double sum = 0;
        for (String l : all.split("; ")) {
            if (l.isBlank() || l.equals("?")) continue;
            sum += Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
        }
        return sum;
    }

    // ---- latency

    private void latency(StoreConfig stores, Seed.Seeded seeded, int latSessions, double[] rates, double latSeconds) throws Exception {
        List<Process> procs = new ArrayList<>();
        Clients c = null;
        ExecutorService posters = Executors.newVirtualThreadPerTaskExecutor();
        try (RedisClient redis = Redis.connect(stores)) {
            redis.flushDB();
            Process api = startApiNode();
            procs.add(api);
            Process ws = startWsNode("latency", latSessions + 100);
            procs.add(ws);
            Process fanout = startFanout("latency");
            procs.add(fanout);
            BenchProcesses.waitReady(api, "http://127.0.0.1:" + apiAdminPort + "/readyz", logs);
            BenchProcesses.waitReady(ws, "http://127.0.0.1:" + wsAdminPort + "/readyz", logs);
            BenchProcesses.waitReady(fanout, "http://127.0.0.1:" + fanoutAdminPort + "/readyz", logs);
            // MESSAGE_CONTENT (1 << 15) as well, so the frames keep the send time in their content.
            c = latClient.equals("frame")
                    ? Clients.openFrameClients(this, "ws://127.0.0.1:" + wsPort + "/?v=10&encoding=json", logs.resolve("tokens-one.txt"),
                            513 | (1 << 15), latSessions, logs.resolve("latency"))
                    : Clients.open(this, "ws://127.0.0.1:" + wsPort + "/?v=10&encoding=json", "identify", logs.resolve("tokens-one.txt"),
                            513 | (1 << 15), latSessions, logs.resolve("latency"));
            Seed.Guild g = seeded.guilds().getFirst();
            String token = seeded.tokens().getFirst();
            System.out.printf("# latency: api-node pid %d, ws-node pid %d, fanout-worker pid %d, %d sessions in one guild, %d failed%n",
                    api.pid(), ws.pid(), fanout.pid(), c.held, c.failed);
            HttpClient http = HttpClient.newBuilder().executor(posters).build();
            URI uri = URI.create("http://127.0.0.1:" + apiPort + "/api/v10/channels/" + g.channelId() + "/messages");
            c.latency(); // empty
            c.accepted();
            System.out.println("# p50/p99/p999/max: from the POST being sent; acc p50/p99/p999: from the api-node accepting it (its id's ms)");
            System.out.printf("%-8s %8s %8s %8s %10s %9s %9s %9s %9s %9s %10s %9s %9s %9s %10s  %s%n", "offered", "posted", "200s", "errors",
                    "post p99", "deliv %", "deliv/s", "p50 ms", "p99 ms", "p999 ms", "max ms", "acc p50", "acc p99", "acc p999", "api+ws+fo", "load avg");
            // Warm-up, not reported: the servers' message paths compiled (JIT) before the first window, as
            // in a node that has been up for a while. Its histograms are emptied by the stage.
            if (latWarmupSeconds > 0) stage(http, uri, token, c, latWarmupRate, latWarmupSeconds, posters, true);
            String wsMetrics = "http://127.0.0.1:" + wsAdminPort + "/metrics";
            String apiMetrics = "http://127.0.0.1:" + apiAdminPort + "/metrics";
            c.first();
            for (double rate : rates) {
                List<String> ws0 = BenchProcesses.metricLines(wsMetrics).orElse(List.of());
                List<String> api0 = BenchProcesses.metricLines(apiMetrics).orElse(List.of());
                double apiCpu0 = cpuSeconds(api.pid()), wsCpu0 = cpuSeconds(ws.pid()), fanoutCpu0 = cpuSeconds(fanout.pid());
                double clientCpu0 = c.cpuSeconds();
                String load0 = loadAverage();
                long t0 = System.nanoTime();
                Stage s = stage(http, uri, token, c, rate, latSeconds, posters, false);
                double wall = (System.nanoTime() - t0) / 1e9;
                double wsCpu = cpuSeconds(ws.pid()) - wsCpu0, clientCpu = c.cpuSeconds() - clientCpu0;
                double cpu = cpuSeconds(api.pid()) - apiCpu0 + wsCpu + cpuSeconds(fanout.pid()) - fanoutCpu0;
                System.out.printf("%-8.0f %8d %8d %8d %10.1f %9.1f %9.0f %9.1f %9.1f %9.1f %10.1f %9.1f %9.1f %9.1f %10.2f  %s%n", rate, s.posted, s.ok, s.errors,
                        s.postP99Ms, 100.0 * s.delivered / Math.max(1, s.ok * (long) c.held), s.delivered / s.windowSec,
                        s.lat.percentile(0.50), s.lat.percentile(0.99), s.lat.percentile(0.999), s.lat.max(),
                        s.acc.percentile(0.50), s.acc.percentile(0.99), s.acc.percentile(0.999), cpu / wall,
                        load0 + " -> " + loadAverage());
                hops(rate, api0, BenchProcesses.metricLines(apiMetrics).orElse(List.of()), ws0,
                        BenchProcesses.metricLines(wsMetrics).orElse(List.of()), c.first());
                System.out.printf("#   cores at %.0f msg/s: ws-node %.2f, client processes %.2f%n", rate, wsCpu / wall, clientCpu / wall);
                if (s.lat.percentile(0.99) > 5_000 || s.delivered < 0.5 * s.ok * (long) c.held) {
                    System.out.println("# stopping: past saturation");
                    break;
                }
            }
        } finally {
            if (c != null) c.close();
            for (Process p : procs.reversed()) BenchProcesses.stop(p);
            posters.shutdownNow();
        }
    }

    /**
     * Where the time goes, for the same window: the api-node's time from acceptance to the stream
     * append, the age of each message's first frame (per client process) from acceptance, and the
     * ws-node's own histograms of the relay lag (guild stream append to routing) and of the walk
     * over its sessions.
     */
    private static void hops(double rate, List<String> apiBefore, List<String> apiAfter, List<String> before, List<String> after, Histogram first) {
        MetricHistogram append = delta(apiBefore, apiAfter, "message_accept_to_append_seconds");
        MetricHistogram lag = delta(before, after, "gateway_relay_lag_seconds");
        MetricHistogram walk = delta(before, after, "gateway_route_duration_seconds");
        System.out.printf("#   hops at %.0f msg/s: api-node acceptance to append mean %.1f p99 <= %.1f ms; first frame from acceptance p50 %.1f p99 %.1f ms;"
                        + " ws-node relay lag mean %.1f p50 <= %.1f p99 <= %.1f ms (%.0f events); route (walk) mean %.1f p50 <= %.1f p99 <= %.1f ms%n",
                rate, 1000 * append.mean(), 1000 * append.quantile(0.99), first.percentile(0.5), first.percentile(0.99),
                1000 * lag.mean(), 1000 * lag.quantile(0.5), 1000 * lag.quantile(0.99), lag.count(),
                1000 * walk.mean(), 1000 * walk.quantile(0.5), 1000 * walk.quantile(0.99));
    }

    private static MetricHistogram delta(List<String> before, List<String> after, String series) {
        return MetricHistogram.of(after, series).minus(MetricHistogram.of(before, series));
    }

    private record Stage(long posted, long ok, long errors, double postP99Ms, long delivered, double windowSec, Histogram lat, Histogram acc) {}

    private Stage stage(HttpClient http, URI uri, String token, Clients c, double rate, double secs, ExecutorService posters, boolean warm)
            throws Exception {
        long messages = Math.round(rate * secs);
        AtomicLong ok = new AtomicLong(), errors = new AtomicLong();
        AtomicLongArray postLat = new AtomicLongArray(FrameAges.BUCKETS);
        long f0 = c.frames();
        long start = System.nanoTime();
        List<java.util.concurrent.Future<?>> inFlight = new ArrayList<>();
        for (long k = 0; k < messages; k++) {
            long due = start + (long) (k * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            inFlight.add(posters.submit(() -> {
                long sent = System.nanoTime();
                HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Authorization", token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"lat:" + sent + "\"}")).build();
                try {
                    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                    long age = System.nanoTime() - sent;
                    postLat.incrementAndGet((int) Math.min(postLat.length() - 1, age / 100_000));
                    if (r.statusCode() == 200) {
                        ok.incrementAndGet();
                    } else if (errors.incrementAndGet() <= 3) {
                        System.out.println("# POST " + r.statusCode() + ": " + r.body());
                    }
                } catch (Exception e) {
                    if (errors.incrementAndGet() <= 3) System.out.println("# POST failed: " + e);
                }
            }));
        }
        for (var f : inFlight) f.get();
        long[] end = drain(c, ok.get() * c.held + f0);
        double window = (end[1] - start) / 1e9;
        Histogram lat = c.latency();
        Histogram acc = c.accepted();
        Histogram post = new Histogram(toArray(postLat));
        return new Stage(messages, ok.get(), errors.get(), post.percentile(0.99), end[0] - f0, window, lat, acc);
    }

    private static long[] toArray(AtomicLongArray a) {
        long[] out = new long[a.length()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i);
        return out;
    }

    /** Counts per 0.1 ms bucket. */
    record Histogram(long[] buckets) {
        long total() {
            long t = 0;
            for (long b : buckets) t += b;
            return t;
        }

        double percentile(double p) {
            long total = total();
            if (total == 0) return Double.NaN;
            long rank = (long) Math.ceil(p * total);
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i];
                if (seen >= rank) return (i + 1) / 10.0;
            }
            return buckets.length / 10.0;
        }

        double max() {
            for (int i = buckets.length - 1; i >= 0; i--) if (buckets[i] > 0) return (i + 1) / 10.0;
            return Double.NaN;
        }
    }

    // ---- processes

    private List<String> serverCmd() {
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(BenchProcesses.jvmFlags(serverJvm));
        cmd.addAll(List.of("-cp", classpath));
        return cmd;
    }

    private final Map<String, String> wsExtraEnv = new LinkedHashMap<>();

    private Process startWsNode(String name, int maxSessions) throws IOException {
        List<String> cmd = serverCmd();
        cmd.add("io.concord.ws.Main");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(storeEnv);
        pb.environment().put("TOKEN_SECRET", tokenSecret);
        pb.environment().put("NODE_ID", Integer.toString(wsNodeId));
        pb.environment().put("WS_BIND_HOST", "127.0.0.1");
        pb.environment().put("WS_PORT", Integer.toString(wsPort));
        pb.environment().put("WS_PUBLIC_URL", "");
        pb.environment().put("ADMIN_PORT", Integer.toString(wsAdminPort));
        pb.environment().put("WS_HEARTBEAT_INTERVAL_MS", Long.toString(heartbeatMs));
        pb.environment().put("WS_MAX_SESSIONS", Integer.toString(maxSessions));
        pb.environment().putAll(wsExtraEnv);
        pb.environment().put("ACCESS_TOKEN_TTL_SECONDS", "21600");
        return pb.redirectErrorStream(true).redirectOutput(logs.resolve(name + "-ws-node.log").toFile()).start();
    }

    private Process startFanout(String name) throws IOException {
        List<String> cmd = serverCmd();
        cmd.add("io.concord.fanout.Main");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(storeEnv);
        pb.environment().put("NODE_ID", Integer.toString(fanoutNodeId));
        pb.environment().put("ADMIN_PORT", Integer.toString(fanoutAdminPort));
        return pb.redirectErrorStream(true).redirectOutput(logs.resolve(name + "-fanout-worker.log").toFile()).start();
    }

    private Process startApiNode() throws IOException {
        List<String> cmd = serverCmd();
        cmd.add("io.concord.api.Main");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(storeEnv);
        pb.environment().put("TOKEN_SECRET", tokenSecret);
        pb.environment().put("NODE_ID", Integer.toString(apiNodeId));
        pb.environment().put("API_PORT", Integer.toString(apiPort));
        pb.environment().put("ADMIN_PORT", Integer.toString(apiAdminPort));
        pb.environment().put("ACCESS_TOKEN_TTL_SECONDS", "21600");
        pb.environment().put("RATE_LIMITS", "off");
        return pb.redirectErrorStream(true).redirectOutput(logs.resolve("latency-api-node.log").toFile()).start();
    }

    /** The client processes of one run. */
    private static final class Clients {
        final List<Process> procs = new ArrayList<>();
        final List<PrintWriter> to = new ArrayList<>();
        final List<BufferedReader> from = new ArrayList<>();
        int held;
        int failed;

        static Clients open(FanoutBench b, String url, String how, Path tokens, int intents, int sessions, Path logPrefix) throws IOException, InterruptedException {
            return open(b, url, how, tokens, intents, sessions, logPrefix, "0");
        }

        static Clients open(FanoutBench b, String url, String how, Path tokens, int intents, int sessions, Path logPrefix, String subscribe)
                throws IOException, InterruptedException {
            return start(b, List.of(LoadClient.class.getName(), url, how, tokens.toString(), "false", Integer.toString(b.concurrency),
                    Long.toString(b.openTimeoutSec), Integer.toString(intents), subscribe), sessions, logPrefix);
        }

        /** {@link FrameClient} processes: JSON, no compression, no subscriptions. */
        static Clients openFrameClients(FanoutBench b, String url, Path tokens, int intents, int sessions, Path logPrefix)
                throws IOException, InterruptedException {
            return start(b, List.of(FrameClient.class.getName(), url, tokens.toString(), Integer.toString(b.concurrency),
                    Long.toString(b.openTimeoutSec), Integer.toString(intents)), sessions, logPrefix);
        }

        /** Starts {@code b.clients} processes of {@code mainAndArgs} and has them open {@code sessions} sockets between them. */
        private static Clients start(FanoutBench b, List<String> mainAndArgs, int sessions, Path logPrefix) throws IOException, InterruptedException {
            Clients c = new Clients();
            for (int i = 0; i < b.clients; i++) {
                List<String> cmd = new ArrayList<>(List.of(b.java.toString()));
                cmd.addAll(BenchProcesses.jvmFlags(b.clientJvm));
                cmd.add("-cp");
                cmd.add(b.classpath);
                cmd.addAll(mainAndArgs);
                Process p = new ProcessBuilder(cmd).redirectError(Path.of(logPrefix + "-client" + i + ".log").toFile()).start();
                c.procs.add(p);
                c.to.add(new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8));
                c.from.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (int i = 0; i < b.clients; i++) c.to.get(i).println("open " + (sessions / b.clients + (i < sessions % b.clients ? 1 : 0)));
            for (int i = 0; i < b.clients; i++) {
                String[] f = c.read(i).split(" ");
                c.held += Integer.parseInt(f[1]) - Integer.parseInt(f[5]);
                c.failed += Integer.parseInt(f[3]);
            }
            if (c.held == 0) {
                c.close();
                throw new IllegalStateException("no socket could be opened, see " + logPrefix + "-client*.log and the server log");
            }
            return c;
        }

        double cpuSeconds() throws IOException {
            double total = 0;
            for (Process p : procs) total += FanoutBench.cpuSeconds(p.pid());
            return total;
        }

        String read(int i) throws IOException {
            String line = from.get(i).readLine();
            if (line == null) throw new IllegalStateException("client " + i + " died");
            return line;
        }

        long frames() throws IOException {
            for (PrintWriter w : to) w.println("count");
            long n = 0;
            for (int i = 0; i < procs.size(); i++) n += Long.parseLong(read(i).split(" ")[1]);
            return n;
        }

        Histogram latency() throws IOException {
            return histogram("lat");
        }

        /** Per message and client process, the age since acceptance of its first frame. */
        Histogram first() throws IOException {
            return histogram("first");
        }

        /** Ages since the api-node accepted each message (its id's timestamp). */
        Histogram accepted() throws IOException {
            return histogram("acc");
        }

        private Histogram histogram(String command) throws IOException {
            long[] buckets = new long[FrameAges.BUCKETS];
            for (PrintWriter w : to) w.println(command);
            for (int i = 0; i < procs.size(); i++) {
                String[] f = read(i).split(" ");
                for (int j = 1; j < f.length; j++) {
                    int colon = f[j].indexOf(':');
                    buckets[Integer.parseInt(f[j], 0, colon, 10)] += Long.parseLong(f[j], colon + 1, f[j].length(), 10);
                }
            }
            return new Histogram(buckets);
        }

        void close() throws InterruptedException {
            for (PrintWriter w : to) w.println("quit");
            for (Process p : procs) BenchProcesses.stop(p);
        }
    }

    /**
     * Waits until the clients have {@code expected} frames (or, with -1 or when they stop growing
     * for 2 s, or after the drain timeout, what they have); returns {frames, nanoTime of the last growth}.
     */
    private long[] drain(Clients c, long expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainTimeoutMs);
        long last = c.frames();
        long lastGrowth = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (expected >= 0 && last >= expected) break;
            Thread.sleep(50);
            long now = c.frames();
            if (now != last) {
                last = now;
                lastGrowth = System.nanoTime();
            } else if (System.nanoTime() - lastGrowth > TimeUnit.SECONDS.toNanos(2)) {
                break;
            }
        }
        return new long[] {last, lastGrowth};
    }

    // ---- probes

    /** utime + stime of a process, in seconds, from /proc/<pid>/stat (clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command: state(0) ppid(1) ... utime is field 14 of the line, index 11 here; stime index 12.
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String metrics(String url, String... prefixes) {
        return BenchProcesses.metricLines(url).map(lines -> String.join("; ", lines.stream()
                .filter(l -> Arrays.stream(prefixes).anyMatch(l::startsWith)).toList())).orElse("?");
    }
}
