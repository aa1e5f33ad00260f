package io.concord.common.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/**
 * A batch handler with its own size and latency (the search-indexer's): batches never exceed the
 * size, and a failed flush loses nothing, the batch being rebuilt from the pending entries.
 */
class BatchedPartitionLoopTest {
    private static final int PARTITIONS = 2;
    private static final long GUILD = (7L << 22) | 1;
    private static RedisClient redis;
    private static EventStreams streams;
    private static String group;

    @BeforeAll
    static void connect() {
        redis = Redis.connect(TestStack.stores());
        streams = new EventStreams(redis, PARTITIONS, 100_000);
        group = "test-batch-" + UUID.randomUUID();
        for (int p = 0; p < PARTITIONS; p++) redis.xgroupCreate(EventStreams.guildStream(p), group, StreamEntryID.XGROUP_LAST_ENTRY, true);
    }

    @AfterAll
    static void close() {
        for (int p = 0; p < PARTITIONS; p++) redis.xgroupDestroy(EventStreams.guildStream(p), group);
        redis.close();
    }

    /** Records what each successful flush made durable; the flushes listed in {@code failing} throw instead. */
    private static final class Recording implements BatchStreamHandler {
        final List<List<Integer>> flushed = new CopyOnWriteArrayList<>();
        final AtomicInteger flushes = new AtomicInteger();
        private final List<Integer> current = new ArrayList<>();
        private final int failing;

        Recording(int failing) {
            this.failing = failing;
        }

        @Override
        public void handle(int partition, StreamEntryID id, GuildEvent event) {
            if (event.guildId() == GUILD) current.add(Integer.parseInt(event.payload()));
        }

        @Override
        public void flush(int partition) {
            List<Integer> batch = List.copyOf(current);
            current.clear();
            if (flushes.incrementAndGet() <= failing) throw new IllegalStateException("flush " + flushes.get() + " fails");
            if (!batch.isEmpty()) flushed.add(batch);
        }

        @Override
        public int batchSize() {
            return 7;
        }

        @Override
        public Duration batchLatency() {
            return Duration.ofMillis(200);
        }

        List<Integer> all() {
            return flushed.stream().flatMap(List::stream).toList();
        }
    }

    @Test
    void batchesStayWithinTheirSizeAndAFailedFlushLosesNothing() throws Exception {
        Recording handler = new Recording(2);
        int partition = streams.partition(GUILD);
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            streams.publish(new GuildEvent("TEST", GUILD, 0, List.of(), Integer.toString(i)));
            sent.add(i);
        }
        PartitionedConsumer consumer = new PartitionedConsumer(redis, group, "w-" + UUID.randomUUID(), PARTITIONS, handler,
                Clock.systemUTC(), Duration.ofMillis(1500), () -> {});
        consumer.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (handler.all().size() < sent.size() || redis.xpending(EventStreams.guildStream(partition), group).getTotal() > 0) {
                assertThat(System.nanoTime()).as("not all flushed and acknowledged in 20 s: %s", handler.flushed).isLessThan(deadline);
                Thread.sleep(50);
            }
        } finally {
            consumer.close();
        }
        assertThat(handler.all()).containsExactlyElementsOf(sent);
        assertThat(handler.flushed).allSatisfy(batch -> assertThat(batch.size()).isLessThanOrEqualTo(7));
        assertThat(handler.flushes.get()).isGreaterThan(2);
    }
}
