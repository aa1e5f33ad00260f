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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/** Partition leases against a real Redis: ordered delivery, takeover after a crash, rebalancing. */
class PartitionedConsumerTest {
    private static final int PARTITIONS = 4;
    private static final Duration TTL = Duration.ofMillis(1500);
    private static RedisClient redis;
    private static EventStreams streams;

    @BeforeAll
    static void connect() {
        redis = Redis.connect(TestStack.stores());
        streams = new EventStreams(redis, PARTITIONS, 100_000);
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    /** A fresh group that starts at the end of the streams, so earlier tests' events are not replayed. */
    private static String freshGroup() {
        String group = "test-" + UUID.randomUUID();
        for (int p = 0; p < PARTITIONS; p++) {
            redis.xgroupCreate(EventStreams.guildStream(p), group, StreamEntryID.XGROUP_LAST_ENTRY, true);
        }
        return group;
    }

    /** A guild id that lands in partition {@code p}. */
    private static long guildIn(int p, long salt) {
        return ((salt * PARTITIONS + p) << 22) | 1;
    }

    private static void publish(long guildId, int seq) {
        streams.publish(new GuildEvent("TEST", guildId, 0, List.of(), Integer.toString(seq)));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met in 20 s");
            Thread.sleep(50);
        }
    }

    private static List<Integer> seqs(List<GuildEvent> events, long guildId) {
        return events.stream().filter(e -> e.guildId() == guildId).map(e -> Integer.parseInt(e.payload())).toList();
    }

    @Test
    void oneWorkerDeliversEveryEventOfEachGuildInOrder() throws Exception {
        String group = freshGroup();
        List<GuildEvent> seen = new CopyOnWriteArrayList<>();
        try (var worker = new PartitionedConsumer(redis, group, "w1", PARTITIONS, (p, id, e) -> seen.add(e), Clock.systemUTC(), TTL, () -> {})) {
            worker.start();
            long a = guildIn(0, 11);
            long b = guildIn(3, 12);
            for (int i = 0; i < 50; i++) {
                publish(a, i);
                publish(b, i);
            }
            await(() -> seen.size() >= 100);
            List<Integer> expected = java.util.stream.IntStream.range(0, 50).boxed().toList();
            assertThat(seqs(seen, a)).isEqualTo(expected);
            assertThat(seqs(seen, b)).isEqualTo(expected);
            assertThat(worker.ownedPartitions()).containsExactlyInAnyOrder(0, 1, 2, 3);
        }
    }

    @Test
    void anotherWorkerTakesOverWhatACrashedWorkerLeftUnacknowledged() throws Exception {
        String group = freshGroup();
        long guild = guildIn(1, 21);
        List<Integer> handledByFirst = new CopyOnWriteArrayList<>();
        CountDownLatch stuck = new CountDownLatch(1);
        StreamHandler hangsOnTen = (p, id, e) -> {
            int seq = Integer.parseInt(e.payload());
            if (e.guildId() == guild && seq == 10) {
                stuck.countDown();
                try {
                    new CountDownLatch(1).await(); // the process "dies" here, mid-event
                } catch (InterruptedException ie) {
                    throw new IllegalStateException("killed");
                }
            }
            if (e.guildId() == guild) handledByFirst.add(seq);
        };
        PartitionedConsumer first = new PartitionedConsumer(redis, group, "first", PARTITIONS, hangsOnTen, Clock.systemUTC(), TTL, () -> {});
        first.start();
        for (int i = 0; i < 30; i++) publish(guild, i);
        assertThat(stuck.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        first.halt();

        List<Integer> handledBySecond = new CopyOnWriteArrayList<>();
        try (var second = new PartitionedConsumer(redis, group, "second", PARTITIONS,
                (p, id, e) -> { if (e.guildId() == guild) handledBySecond.add(Integer.parseInt(e.payload())); },
                Clock.systemUTC(), TTL, () -> {})) {
            second.start();
            await(() -> handledBySecond.contains(29));
            List<Integer> all = new ArrayList<>(handledByFirst);
            all.addAll(handledBySecond);
            assertThat(handledByFirst).isEqualTo(java.util.stream.IntStream.range(0, 10).boxed().toList());
            assertThat(all).isEqualTo(java.util.stream.IntStream.range(0, 30).boxed().toList());
        }
    }

    @Test
    void partitionsAreSharedOutWhenASecondWorkerJoins() throws Exception {
        String group = freshGroup();
        StreamHandler ignore = (p, id, e) -> {};
        try (var a = new PartitionedConsumer(redis, group, "a", PARTITIONS, ignore, Clock.systemUTC(), TTL, () -> {})) {
            a.start();
            await(() -> a.ownedPartitions().size() == PARTITIONS);
            try (var b = new PartitionedConsumer(redis, group, "b", PARTITIONS, ignore, Clock.systemUTC(), TTL, () -> {})) {
                b.start();
                await(() -> a.ownedPartitions().size() == 2 && b.ownedPartitions().size() == 2);
                Set<Integer> union = new java.util.HashSet<>(a.ownedPartitions());
                union.addAll(b.ownedPartitions());
                assertThat(union).containsExactlyInAnyOrder(0, 1, 2, 3);
            }
            await(() -> a.ownedPartitions().size() == PARTITIONS);
        }
    }
}
