package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.lease.PartitionLeases;
import io.concord.common.test.TestStack;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import redis.clients.jedis.RedisClient;

/** Who holds the partition leases of a consumer group, for tests that start and kill workers. */
final class Leases {
    private Leases() {}

    /** Per partition, the worker id holding its lease (null: none). */
    static List<String> holders(RedisClient redis, String group) {
        return IntStream.range(0, TestStack.stores().guildPartitions())
                .mapToObj(p -> redis.get(PartitionLeases.key(group, p))).toList();
    }

    /** Waits (at most 30 s) until the holders are as {@code wanted}, described by {@code what}. */
    static void await(RedisClient redis, String group, Predicate<List<String>> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<String> holders = holders(redis, group);
            if (wanted.test(holders)) return;
            assertThat(System.nanoTime()).as(what + ": " + holders).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
