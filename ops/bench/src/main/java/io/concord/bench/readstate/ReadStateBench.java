package io.concord.bench.readstate;

import io.concord.common.config.Env;
import io.concord.common.config.StoreConfig;
import io.concord.common.config.WorkerConfig;
import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.GuildRow;
import io.concord.common.guild.MemberRepository;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.lease.ConsumerGroups;
import io.concord.common.model.Channel;
import io.concord.common.model.ChannelType;
import io.concord.common.model.Role;
import io.concord.common.permission.Permission;
import io.concord.common.readstate.MentionStore;
import io.concord.common.readstate.ReadState;
import io.concord.common.readstate.ReadStateCache;
import io.concord.common.readstate.ReadStateReader;
import io.concord.common.readstate.ReadStateRepository;
import io.concord.common.store.Cql;
import io.concord.common.store.Postgres;
import io.concord.common.store.Redis;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

/**
 * Read-state benchmark (issue 6), against the running stores (ops/concord infra-up's environment):
 * <ol>
 *   <li>the readstate-worker (its real composition root, in this JVM) draining {@code -Devents} guild
 *       events, acks and messages mixed (half MESSAGE_ACK, a quarter messages with one direct
 *       mention, 5% @everyone, the rest plain), published before it reads: updates/s, per CPU
 *       second of the process, and the CQL writes that result after coalescing;</li>
 *   <li>baseline: the same read-state updates written one by one (one CQL write each);</li>
 *   <li>READY's read_state for a user in {@code -DreadyChannels} channels.</li>
 * </ol>
 * Usage: {@code ops/bench/run-readstate.sh [-Devents=20000 -Dusers=500 -Dchannels=200 -DreadyChannels=200]}.
 */
public final class ReadStateBench {
    private static final String GROUP = "readstate";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ReadStateBench() {}

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("events", 20_000);
        int users = Integer.getInteger("users", 500);
        int channelCount = Integer.getInteger("channels", 200);
        int guildCount = Integer.getInteger("guilds", 20);
        int readyChannels = Integer.getInteger("readyChannels", 200);
        int readyRuns = Integer.getInteger("readyRuns", 20);
        System.out.printf("# events=%d users=%d channels=%d guilds=%d readyChannels=%d readyRuns=%d cpus=%d%n",
                events, users, channelCount, guildCount, readyChannels, readyRuns, Runtime.getRuntime().availableProcessors());

        int adminPort = freePort();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("ADMIN_PORT", Integer.toString(adminPort));
        env.putIfAbsent("LEASE_TTL_MS", "3000");
        env.putIfAbsent("WORKER_ID", "readstate-bench");
        Env e = new Env(env);
        StoreConfig stores = StoreConfig.from(e);
        try (Postgres pg = Postgres.connect(stores)) {
            pg.migrate();
        }
        Cql.migrate(stores);
        RedisClient redis = Redis.connect(stores);
        Cql cql = Cql.connect(stores);
        int partitions = stores.guildPartitions();
        Clock clock = Clock.systemUTC();
        SnowflakeGenerator ids = new SnowflakeGenerator(clock, 1001);
        Random random = new Random(42);

        // 1. The worker, holding every partition, its group at the streams' ends.
        for (int p = 0; p < partitions; p++) {
            String stream = EventStreams.guildStream(p);
            ConsumerGroups.ensure(redis, stream, GROUP);
            redis.xgroupSetID(stream, GROUP, StreamEntryID.XGROUP_LAST_ENTRY);
        }
        AutoCloseable worker = io.concord.readstate.Main.start(WorkerConfig.fromEnv(env, "readstate", 0), clock);
        awaitLeases(redis, partitions, env.get("WORKER_ID"));
        Map<String, Double> before = metrics(adminPort);

        long[] guilds = new long[guildCount];
        for (int g = 0; g < guildCount; g++) guilds[g] = ids.next();
        long[] channels = new long[channelCount];
        for (int c = 0; c < channelCount; c++) channels[c] = ids.next();
        long[] userIds = new long[users];
        for (int u = 0; u < users; u++) userIds[u] = ids.next();
        List<GuildEvent> batch = new ArrayList<>(events);
        long[] lastMessage = new long[channelCount];
        int acks = 0, direct = 0, everyone = 0, plain = 0;
        long version = clock.millis();
        for (int i = 0; i < events; i++) {
            int c = random.nextInt(channelCount);
            long guild = guilds[c % guildCount];
            long user = userIds[random.nextInt(users)];
            double r = random.nextDouble();
            if (r < 0.5 && lastMessage[c] != 0) {
                acks++;
                batch.add(new GuildEvent("MESSAGE_ACK", guild, channels[c], List.of(user),
                        "{\"channel_id\":\"" + channels[c] + "\",\"message_id\":\"" + lastMessage[c] + "\",\"version\":" + (++version) + "}"));
                continue;
            }
            long id = ids.next();
            lastMessage[c] = id;
            String mentions = "[]";
            boolean all = false;
            if (r < 0.75) {
                direct++;
                mentions = "[{\"id\":\"" + userIds[random.nextInt(users)] + "\"}]";
            } else if (r < 0.80) {
                everyone++;
                all = true;
            } else {
                plain++;
            }
            batch.add(new GuildEvent("MESSAGE_CREATE", guild, channels[c], List.of(),
                    "{\"id\":\"" + id + "\",\"channel_id\":\"" + channels[c] + "\",\"guild_id\":\"" + guild + "\",\"author\":{\"id\":\"" + user
                            + "\"},\"content\":\"x\",\"mentions\":" + mentions + ",\"mention_roles\":[],\"mention_everyone\":" + all + "}"));
        }
        // every message also moves its author's cursor: a read-state update too
        int updates = acks + direct + everyone + plain;
        System.out.printf("# mix: %d acks, %d messages with a direct mention, %d with @everyone, %d plain (%d read-state updates)%n",
                acks, direct, everyone, plain, updates);

        EventStreams streams = new EventStreams(redis, partitions, 10_000_000);
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = cpu.getProcessCpuTime();
        long t0 = System.nanoTime();
        try (AbstractPipeline p = redis.pipelined()) {
            for (GuildEvent ev : batch) {
                p.xadd(EventStreams.guildStream(streams.partition(ev.guildId())), XAddParams.xAddParams(), ev.toFields());
            }
            p.sync();
        }
        long published = System.nanoTime();
        awaitDrained(redis, partitions);
        long t1 = System.nanoTime();
        long cpu1 = cpu.getProcessCpuTime();
        Map<String, Double> after = metrics(adminPort);
        worker.close();
        double seconds = (t1 - t0) / 1e9;
        double cpuSeconds = (cpu1 - cpu0) / 1e9;
        double rows = after.getOrDefault("readstate_rows_written_total", 0.0) - before.getOrDefault("readstate_rows_written_total", 0.0);
        double stateBatches = after.getOrDefault("readstate_cql_batches_total", 0.0) - before.getOrDefault("readstate_cql_batches_total", 0.0);
        double counted = after.getOrDefault("readstate_updates_total", 0.0) - before.getOrDefault("readstate_updates_total", 0.0);
        long mentionWrites = 2L * direct + everyone; // user_mentions + message_mentions per direct mention, one broadcast row per @everyone
        System.out.printf("worker: %d events in %.2f s (published in %.2f s) = %.0f events/s; process CPU %.2f s = %.0f events per CPU-second%n",
                events, seconds, (published - t0) / 1e9, events / seconds, cpuSeconds, events / cpuSeconds);
        System.out.printf("worker: %.0f read-state updates -> %.0f rows after coalescing in %.0f CQL batches (%.0f batches/s); "
                        + "+ %d mention writes; CQL statements total %.0f (%.0f/s)%n",
                counted, rows, stateBatches, stateBatches / seconds, mentionWrites, stateBatches + mentionWrites,
                (stateBatches + mentionWrites) / seconds);

        // 2. Baseline: the same number of read-state updates, one CQL write each, one after the other.
        ReadStateRepository repository = new ReadStateRepository(cql.session());
        int baseline = Math.min(updates, Integer.getInteger("baseline", 5_000));
        long b0 = System.nanoTime();
        long bcpu0 = cpu.getProcessCpuTime();
        for (int i = 0; i < baseline; i++) {
            int c = random.nextInt(channelCount);
            repository.saveAll(List.of(new ReadState(userIds[random.nextInt(users)], guilds[c % guildCount], channels[c], ids.next(), 0, 0,
                    ++version)));
        }
        double bs = (System.nanoTime() - b0) / 1e9;
        double bcpu = (cpu.getProcessCpuTime() - bcpu0) / 1e9;
        System.out.printf("baseline: %d updates written one by one in %.2f s = %.0f updates/s = %.0f CQL writes/s (%.0f per CPU-second)%n",
                baseline, bs, baseline / bs, baseline / bs, baseline / bcpu);

        // 3. READY's read_state for a user in readyChannels channels (one guild).
        Postgres pg = Postgres.connect(stores);
        UserRepository userRepo = new UserRepository(pg.jdbi());
        ChannelRepository channelRepo = new ChannelRepository(pg.jdbi());
        GuildRepository guildRepo = new GuildRepository(pg.jdbi(), channelRepo);
        MemberRepository memberRepo = new MemberRepository(pg.jdbi());
        long owner = ids.next();
        userRepo.insert(new UserRow(owner, "benchowner", "bench", Optional.of("bench" + owner + "@example.test"), Optional.empty(), false));
        long reader = ids.next();
        userRepo.insert(new UserRow(reader, "benchreader", "bench", Optional.of("bench" + reader + "@example.test"), Optional.empty(), false));
        long guild = ids.next();
        List<Channel> readyList = new ArrayList<>();
        for (int c = 0; c < readyChannels; c++) {
            readyList.add(new Channel(ids.next(), ChannelType.GUILD_TEXT, guild, "c" + c, c, null, null, false, 0, List.of()));
        }
        guildRepo.create(new GuildRow(guild, "bench", owner, readyList.getFirst().id()),
                Role.create(guild, "@everyone", 0, false, 0, Permission.DEFAULT_EVERYONE, false, false), readyList, clock.instant());
        memberRepo.add(guild, reader, clock.instant());
        ReadStateCache cache = new ReadStateCache(redis, clock);
        MentionStore mentions = new MentionStore(cql.session());
        List<ReadState> persisted = new ArrayList<>();
        for (Channel ch : readyList) {
            long m = ids.next();
            mentions.record(ch.id(), ids.next(), owner, List.of(reader), false, List.of());
            persisted.add(new ReadState(reader, guild, ch.id(), m, 0, 0, ++version));
        }
        repository.saveAll(persisted);
        for (Channel ch : readyList.subList(0, readyList.size() / 2)) cache.set(reader, guild, ch.id(), ids.next(), 0);
        ReadStateReader readStates = new ReadStateReader(cache, repository, mentions, guildRepo, memberRepo, clock);
        double[] ms = new double[readyRuns];
        int entries = 0;
        for (int i = 0; i < readyRuns; i++) {
            long r0 = System.nanoTime();
            entries = readStates.forUser(reader, List.of(guild)).entries().size();
            ms[i] = (System.nanoTime() - r0) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("READY read_state: %d channels, %d entries: first %.1f ms, median %.1f ms, p90 %.1f ms, max %.1f ms over %d runs%n",
                readyChannels, entries, ms[0], sorted[readyRuns / 2], sorted[(int) (readyRuns * 0.9)], sorted[readyRuns - 1], readyRuns);

        pg.close();
        cql.close();
        redis.close();
    }

    private static void awaitLeases(RedisClient redis, int partitions, String worker) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            boolean all = true;
            for (int p = 0; p < partitions && all; p++) all = worker.equals(redis.get("lease:" + GROUP + ":{" + p + "}"));
            if (all) return;
            if (System.nanoTime() > deadline) throw new IllegalStateException("the worker did not take every partition");
            Thread.sleep(100);
        }
    }

    private static void awaitDrained(RedisClient redis, int partitions) throws InterruptedException {
        while (true) {
            boolean drained = true;
            for (int p = 0; p < partitions && drained; p++) {
                for (var info : redis.xinfoGroups(EventStreams.guildStream(p))) {
                    if (!GROUP.equals(info.getName())) continue;
                    Object lag = info.getGroupInfo().get("lag");
                    boolean delivered = lag instanceof Long l ? l == 0
                            : info.getLastDeliveredId().equals(redis.xinfoStream(EventStreams.guildStream(p)).getLastGeneratedId());
                    if (info.getPending() != 0 || !delivered) drained = false;
                }
            }
            if (drained) return;
            Thread.sleep(20);
        }
    }

    private static Map<String, Double> metrics(int port) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith("readstate_")) continue;
            String[] parts = line.split(" ");
            String name = parts[0].contains("{") ? parts[0].substring(0, parts[0].indexOf('{')) : parts[0];
            out.merge(name, Double.parseDouble(parts[parts.length - 1]), Double::sum);
        }
        return out;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
