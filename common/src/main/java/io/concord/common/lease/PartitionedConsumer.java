package io.concord.common.lease;

import io.concord.common.event.EventStreams;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * Shares the partitions of one consumer group among the live workers: each worker heartbeats, takes
 * about {@code partitions / live workers} leases, renews them, gives extras back when workers join,
 * and takes over expired ones when a worker dies. Each held partition runs its own ordered loop.
 */
public final class PartitionedConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartitionedConsumer.class);
    private final RedisClient redis;
    private final String group;
    private final String workerId;
    private final int partitions;
    private final StreamHandler handler;
    private final Clock clock;
    private final long leaseTtlMs;
    private final Runnable onEvent;
    private final PartitionLeases leases;
    private final Map<Integer, Owned> owned = new ConcurrentHashMap<>();
    // Partitions being handed back: their lease is still renewed until the loop has really stopped,
    // so no other worker starts on them while this one may still be handling a batch.
    private final Map<Integer, Owned> releasing = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread coordinator;

    private record Owned(PartitionLoop loop, Thread thread) {}

    public PartitionedConsumer(RedisClient redis, String group, String workerId, int partitions, StreamHandler handler,
                               Clock clock, Duration leaseTtl, Runnable onEvent) {
        this.redis = redis;
        this.group = group;
        this.workerId = workerId;
        this.partitions = partitions;
        this.handler = handler;
        this.clock = clock;
        this.leaseTtlMs = leaseTtl.toMillis();
        this.onEvent = onEvent;
        this.leases = new PartitionLeases(redis, group, workerId);
    }

    /** Before {@link #start}: every {@code interval}, trims the partitions this worker holds (see {@link StreamTrimmer}). */
    public void trimEvery(StreamTrimmer trimmer, Duration interval) {
        this.trimmer = trimmer;
        this.trimIntervalMs = interval.toMillis();
    }

    private volatile StreamTrimmer trimmer;
    private long trimIntervalMs;
    private long nextTrimMs;

    public synchronized void start() {
        running = true;
        coordinator = Thread.ofVirtual().name("lease-" + group).start(this::coordinate);
    }

    public Set<Integer> ownedPartitions() {
        return Set.copyOf(owned.keySet());
    }

    private void coordinate() {
        while (running) {
            try {
                rebalance();
                trimIfDue();
            } catch (RuntimeException e) {
                log.warn("lease coordination for {} failed; retrying", group, e);
            }
            try {
                Thread.sleep(Math.max(100, leaseTtlMs / 3));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void rebalance() {
        long now = clock.millis();
        String members = "workers:" + group;
        redis.zadd(members, now, workerId);
        redis.zremrangeByScore(members, 0, now - leaseTtlMs);
        long live = Math.max(1, redis.zcard(members));
        int share = (int) ((partitions + live - 1) / live);

        for (var p : Set.copyOf(releasing.keySet())) {
            Owned o = releasing.get(p);
            if (!o.thread().isAlive()) {
                releasing.remove(p);
                leases.release(p);
            } else if (!leases.renew(p, leaseTtlMs)) {
                releasing.remove(p);
            }
        }
        for (var p : Set.copyOf(owned.keySet())) {
            if (!leases.renew(p, leaseTtlMs)) {
                log.warn("lost the lease of partition {} in {}", p, group);
                Owned o = owned.remove(p);
                if (o != null) o.loop().stop();
            }
        }
        while (owned.size() > share) {
            int p = owned.keySet().iterator().next();
            Owned o = owned.remove(p);
            o.loop().stop();
            releasing.put(p, o);
        }
        int offset = Math.floorMod(workerId.hashCode(), partitions);
        for (int i = 0; i < partitions && owned.size() < share; i++) {
            int p = (offset + i) % partitions;
            if (!owned.containsKey(p) && !releasing.containsKey(p) && leases.acquire(p, leaseTtlMs)) startLoop(p);
        }
    }

    private void trimIfDue() {
        StreamTrimmer t = trimmer;
        long now = clock.millis();
        if (t == null || now < nextTrimMs) return;
        nextTrimMs = now + trimIntervalMs;
        for (int p : owned.keySet()) {
            String stream = EventStreams.guildStream(p);
            t.trim(stream);
            List<String> lost = t.groupsThatLostEntries(stream);
            if (!lost.isEmpty()) {
                log.error("{} dropped entries before consumer groups {} read them: STREAM_MAX_LENGTH is too small for their lag", stream, lost);
            }
        }
    }

    private void startLoop(int p) {
        if (!running) {
            // Closing: close() no longer sees the loops, so none may start now.
            leases.release(p);
            return;
        }
        PartitionLoop loop = new PartitionLoop(redis, group, p, handler, onEvent);
        owned.put(p, new Owned(loop, Thread.ofVirtual().name(group + "-p" + p).start(loop)));
        log.info("took partition {} of {}", p, group);
    }

    /**
     * Stops dead, as a killed process would: no lease released, nothing acknowledged, nothing
     * cleaned up. Only tests use it, to prove that another worker takes over what was in flight.
     */
    synchronized void halt() {
        running = false;
        stopCoordinator();
        owned.values().forEach(o -> {
            o.loop().stop();
            o.thread().interrupt();
        });
        releasing.values().forEach(o -> o.thread().interrupt());
        owned.clear();
        releasing.clear();
    }

    /**
     * Waits for the coordinator to stop: one caught in the middle of a rebalance could otherwise start
     * a partition loop after the loops were stopped, which would then run on with a closed pool.
     */
    private void stopCoordinator() {
        Thread c = coordinator;
        if (c == null) return;
        c.interrupt();
        try {
            c.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        stopCoordinator();
        Map<Integer, Owned> all = new HashMap<>(releasing);
        all.putAll(owned);
        owned.clear();
        releasing.clear();
        all.values().forEach(o -> o.loop().stop());
        all.forEach((p, o) -> {
            try {
                o.thread().join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            leases.release(p);
        });
        redis.zrem("workers:" + group, workerId);
    }
}
