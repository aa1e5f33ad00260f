package io.concord.search;

import io.concord.common.admin.AdminServer;
import io.concord.common.admin.HealthCheck;
import io.concord.common.lease.ConsumerGroups;
import io.concord.common.lease.PartitionedConsumer;
import io.concord.common.lease.StreamTrimmer;
import io.concord.common.search.IndexProgress;
import io.concord.common.search.MeiliClient;
import io.concord.common.search.MessageIndex;
import io.concord.common.server.ProcessMain;
import io.concord.common.store.Redis;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import redis.clients.jedis.RedisClient;

/**
 * The search-indexer's composition root: keeps the Meilisearch message index from the guild streams
 * (group {@code search}). {@code Main reindex [guild]} rebuilds it from the stores instead ({@link Reindex}).
 */
public final class Main {
    static final String GROUP = "search";
    private static final Duration TRIM_INTERVAL = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("reindex")) {
            System.exit(Reindex.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv()));
        }
        ProcessMain.run("search-indexer", () -> IndexerConfig.fromEnv(System.getenv()), c -> start(c, Clock.systemUTC()));
    }

    public static AutoCloseable start(IndexerConfig config) throws Exception {
        return start(config, Clock.systemUTC());
    }

    /** Starts the indexer; closing it releases its partitions so another indexer takes them (and their pending entries) at once. */
    public static AutoCloseable start(IndexerConfig config, Clock clock) throws Exception {
        MDC.put("node_id", config.worker().workerId());
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        RedisClient redis = Redis.connect(config.worker().stores());
        int partitions = config.worker().stores().guildPartitions();
        MessageIndex index = MessageIndex.of(config.search());
        SettingsOnce settings = new SettingsOnce(index);
        try {
            settings.apply();
        } catch (RuntimeException e) {
            // Not fatal: every batch applies them first and is retried until Meilisearch answers.
            log.warn("could not apply the settings of index {} yet: {}", index.uid(), e.getMessage());
        }
        IndexHandler handler = new IndexHandler(index, new IndexProgress(redis), config.search(), registry, settings::apply);
        PartitionedConsumer consumer = new PartitionedConsumer(redis, GROUP, config.worker().workerId(), partitions, handler, clock,
                config.worker().leaseTtl(), () -> {});
        consumer.trimEvery(new StreamTrimmer(redis, clock, config.worker().stores().guildStreamRetention()), TRIM_INTERVAL);
        ConsumerGroups.registerLagGauge(registry, redis, GROUP, partitions);
        MeiliClient meili = new MeiliClient(config.search().meiliUrl(), config.search().meiliMasterKey());
        AdminServer admin = new AdminServer(config.worker().bindHost(), config.worker().adminPort(), registry, List.of(
                new HealthCheck("redis", () -> Redis.isReachable(redis)),
                new HealthCheck("meilisearch", () -> reachable(meili))), () -> false);
        consumer.start();
        admin.start();
        log.info("search-indexer {} started on index {} (admin {})", config.worker().workerId(), index.uid(), admin.port());
        return () -> {
            consumer.close();
            admin.close();
            redis.close();
        };
    }

    private static boolean reachable(MeiliClient meili) {
        try {
            return "available".equals(meili.get("/health").path("status").asString(""));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Applies the index settings once (the first time Meilisearch answers), then never again. */
    static final class SettingsOnce {
        private final MessageIndex index;
        private volatile boolean applied;

        SettingsOnce(MessageIndex index) {
            this.index = index;
        }

        synchronized void apply() {
            if (applied) return;
            index.ensure();
            applied = true;
        }
    }
}
