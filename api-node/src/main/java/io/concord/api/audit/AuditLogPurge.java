package io.concord.api.audit;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Deletes expired audit log entries every {@code purgeInterval}. Every api-node schedules it; a Redis
 * lock held while a purge runs keeps two nodes from deleting the same rows at once (a node that finds
 * it taken skips that round: the other is doing the work).
 */
public final class AuditLogPurge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditLogPurge.class);
    public static final String LOCK_KEY = "audit-log:purge-lock";
    /** Longer than any purge should take; a node that dies holding the lock frees it after this. */
    private static final Duration LOCK_TTL = Duration.ofMinutes(10);
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private final AuditLogService audit;
    private final RedisClient redis;
    private final String token = UUID.randomUUID().toString();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("audit-purge").factory());

    public AuditLogPurge(AuditLogService audit, RedisClient redis, AuditLogConfig config) {
        this.audit = audit;
        this.redis = redis;
        long every = config.purgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
    }

    /** One purge round if no other node is running one; false when the lock was taken. */
    boolean runOnce() {
        try {
            if (!"OK".equals(redis.set(LOCK_KEY, token, SetParams.setParams().nx().px(LOCK_TTL.toMillis())))) return false;
            try {
                int deleted = audit.purgeExpired();
                if (deleted > 0) log.info("purged {} expired audit log entries", deleted);
            } finally {
                redis.eval(RELEASE, List.of(LOCK_KEY), List.of(token));
            }
            return true;
        } catch (RuntimeException e) {
            // A store blip: the next round tries again.
            log.warn("audit log purge failed", e);
            return false;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
