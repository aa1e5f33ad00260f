package io.concord.common.lease;

import io.concord.common.admin.AdminServer;
import io.concord.common.admin.HealthCheck;
import io.concord.common.config.WorkerConfig;
import io.concord.common.store.Redis;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import redis.clients.jedis.RedisClient;

/**
 * A worker whose real work is still to come: it reports its health and its group's lag, but creates
 * no consumer group, since a group that never reads would hold back the trimming of every guild
 * stream ({@link StreamTrimmer}). The real worker creates its group when it starts consuming.
 */
public final class GroupMembership {
    private static final Logger log = LoggerFactory.getLogger(GroupMembership.class);

    private GroupMembership() {}

    public static AutoCloseable start(WorkerConfig config, String group) throws Exception {
        MDC.put("node_id", config.workerId());
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        RedisClient redis = Redis.connect(config.stores());
        int partitions = config.stores().guildPartitions();
        ConsumerGroups.registerLagGauge(registry, redis, group, partitions);
        AdminServer admin = new AdminServer(config.bindHost(), config.adminPort(), registry,
                List.of(new HealthCheck("redis", () -> Redis.isReachable(redis))), () -> false);
        admin.start();
        log.info("{} started for group {} on {} partitions, consuming nothing yet (admin {})", config.workerId(), group, partitions, admin.port());
        return () -> {
            admin.close();
            redis.close();
        };
    }
}
