package io.concord.readstate;

import io.concord.common.admin.AdminServer;
import io.concord.common.admin.HealthCheck;
import io.concord.common.config.WorkerConfig;
import io.concord.common.lease.ConsumerGroups;
import io.concord.common.lease.PartitionedConsumer;
import io.concord.common.lease.StreamTrimmer;
import io.concord.common.readstate.MentionStore;
import io.concord.common.readstate.ReadStateCache;
import io.concord.common.readstate.ReadStateRepository;
import io.concord.common.server.ProcessMain;
import io.concord.common.store.Cql;
import io.concord.common.store.Redis;
import io.concord.readstate.notify.NotifyConfig;
import io.concord.readstate.notify.Notifications;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import redis.clients.jedis.RedisClient;

/** The readstate-worker's composition root: mentions and read states from the guild streams (group {@code readstate}). */
public final class Main {
    static final String GROUP = "readstate";
    private static final Duration TRIM_INTERVAL = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        ProcessMain.run("readstate-worker", () -> WorkerConfig.fromEnv(System.getenv(), "readstate", 9094), c -> start(c, Clock.systemUTC()));
    }

    public static AutoCloseable start(WorkerConfig config) throws Exception {
        return start(config, Clock.systemUTC());
    }

    /** Starts the worker; closing it releases its partitions so another worker takes them at once. */
    public static AutoCloseable start(WorkerConfig config, Clock clock) throws Exception {
        return start(config, clock, NotifyConfig.fromEnv(System.getenv()), clock);
    }

    /**
     * Starts the worker with the notification path's settings; {@code notifyClock} drives only when
     * notifications are due (tests move it by hand; leases and read-state versions use {@code clock}).
     */
    public static AutoCloseable start(WorkerConfig config, Clock clock, NotifyConfig notify, Clock notifyClock) throws Exception {
        MDC.put("node_id", config.workerId());
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        RedisClient redis = Redis.connect(config.stores());
        Cql cql = Cql.connect(config.stores());
        int partitions = config.stores().guildPartitions();
        ReadStateHandler handler = new ReadStateHandler(new MentionStore(cql.session()), new ReadStateCache(redis, clock),
                new ReadStateRepository(cql.session()), registry);
        PartitionedConsumer consumer = new PartitionedConsumer(redis, GROUP, config.workerId(), partitions, handler, clock,
                config.leaseTtl(), () -> {});
        consumer.trimEvery(new StreamTrimmer(redis, clock, config.stores().guildStreamRetention()), TRIM_INTERVAL);
        ConsumerGroups.registerLagGauge(registry, redis, GROUP, partitions);
        AdminServer admin = new AdminServer(config.bindHost(), config.adminPort(), registry, List.of(
                new HealthCheck("redis", () -> Redis.isReachable(redis)),
                new HealthCheck("cql", cql::isReachable)), () -> false);
        AutoCloseable notifications = notify.enabled()
                ? Notifications.start(config, redis, notify, notifyClock, registry) : () -> {};
        consumer.start();
        admin.start();
        log.info("readstate-worker {} started (admin {})", config.workerId(), admin.port());
        return () -> {
            consumer.close();
            notifications.close();
            admin.close();
            cql.close();
            redis.close();
        };
    }
}
