package io.concord.common.lease;

import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Consumes one partition in order for as long as this worker holds its lease. The consumer name is
 * the partition's, not the worker's, so whoever holds the lease next finds the pending entries of
 * the last owner under its own name and handles them first: nothing is skipped.
 */
final class PartitionLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PartitionLoop.class);
    private static final StreamEntryID PENDING = new StreamEntryID(0, 0);
    private final RedisClient redis;
    private final String group;
    private final int partition;
    private final StreamHandler handler;
    private final Runnable onEvent;
    private volatile boolean running = true;

    PartitionLoop(RedisClient redis, String group, int partition, StreamHandler handler, Runnable onEvent) {
        this.redis = redis;
        this.group = group;
        this.partition = partition;
        this.handler = handler;
        this.onEvent = onEvent;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        String stream = EventStreams.guildStream(partition);
        String consumer = "p" + partition;
        ConsumerGroups.ensure(redis, stream, group);
        boolean drainingPending = true;
        while (running) {
            try {
                StreamEntryID from = drainingPending ? PENDING : StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY;
                XReadGroupParams params = XReadGroupParams.xReadGroupParams()
                        .count(handler instanceof BatchStreamHandler b ? b.batchSize() : 100);
                if (!drainingPending) params.block(1000);
                var result = redis.xreadGroup(group, consumer, params, Map.of(stream, from));
                List<StreamEntry> entries = result == null || result.isEmpty() ? List.of() : result.getFirst().getValue();
                if (drainingPending && entries.isEmpty()) {
                    drainingPending = false;
                    continue;
                }
                if (handler instanceof BatchStreamHandler batch) {
                    // Effects made durable for the whole batch at once, then the batch acknowledged.
                    if (entries.isEmpty()) continue;
                    List<StreamEntryID> ids = new ArrayList<>();
                    long deadline = System.nanoTime() + batch.batchLatency().toNanos();
                    while (true) {
                        for (StreamEntry entry : entries) {
                            if (!running) return;
                            batch.handle(partition, entry.getID(), GuildEvent.fromFields(entry.getFields()));
                            ids.add(entry.getID());
                        }
                        long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                        if (ids.size() >= batch.batchSize() || leftMs <= 0) break;
                        // The batch may grow: more pending entries after the last one, or new ones for the time left.
                        XReadGroupParams more = XReadGroupParams.xReadGroupParams().count(batch.batchSize() - ids.size());
                        if (!drainingPending) more.block((int) Math.max(1, leftMs));
                        var next = redis.xreadGroup(group, consumer, more, Map.of(stream, drainingPending ? ids.getLast()
                                : StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
                        entries = next == null || next.isEmpty() ? List.of() : next.getFirst().getValue();
                        if (entries.isEmpty()) break;
                    }
                    batch.flush(partition);
                    redis.xack(stream, group, ids.toArray(StreamEntryID[]::new));
                    ids.forEach(e -> onEvent.run());
                    continue;
                }
                for (StreamEntry entry : entries) {
                    if (!running) return;
                    handler.handle(partition, entry.getID(), GuildEvent.fromFields(entry.getFields()));
                    redis.xack(stream, group, entry.getID());
                    onEvent.run();
                }
            } catch (RuntimeException e) {
                if (!running) return;
                log.warn("partition {} of group {} failed; retrying from its pending entries", partition, group, e);
                drainingPending = true;
                sleepQuietly(500);
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
