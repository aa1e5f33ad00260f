package io.concord.common.id;

import io.concord.common.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class SnowflakeGeneratorTest {
    static final long T0 = Instant.parse("2025-06-01T12:00:00Z").toEpochMilli();

    static void assertStrictlyIncreasing(List<Long> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("id %d", i).isGreaterThan(ids.get(i - 1));
        }
    }

    @Test
    void idsStrictlyIncreaseWhileTheClockMovesForward() {
        ManualClock clock = new ManualClock(T0);
        SnowflakeGenerator gen = new SnowflakeGenerator(clock, 7);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(gen.next());
            if (i % 3 == 0) clock.advance(java.time.Duration.ofMillis(1));
        }

        assertStrictlyIncreasing(ids);
    }

    @Test
    void idsStrictlyIncreaseWhileTheClockStandsStill() {
        SnowflakeGenerator gen = new SnowflakeGenerator(new ManualClock(T0), 7);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) ids.add(gen.next());

        assertStrictlyIncreasing(ids);
        assertThat(ids).allSatisfy(id -> assertThat(Snowflakes.timestampMs(id)).isEqualTo(T0));
    }

    @Test
    void idsStrictlyIncreaseWhenTheClockGoesBackwards() {
        ManualClock clock = new ManualClock(T0);
        SnowflakeGenerator gen = new SnowflakeGenerator(clock, 7);
        List<Long> ids = new ArrayList<>();
        ids.add(gen.next());
        clock.set(T0 - 5_000);
        for (int i = 0; i < 100; i++) ids.add(gen.next());
        clock.set(T0 + 1);
        ids.add(gen.next());
        clock.set(T0 - 60_000);
        ids.add(gen.next());

        assertStrictlyIncreasing(ids);
    }

    @Test
    void moreThan4096IdsInOneFrozenMillisecondStayUniqueAndIncreasing() {
        SnowflakeGenerator gen = new SnowflakeGenerator(new ManualClock(T0), 1023);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3 * 4096 + 17; i++) ids.add(gen.next());

        assertStrictlyIncreasing(ids);
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        // the first 4096 fill the millisecond's increments, then the generator borrows the next one
        assertThat(ids.get(0) & 0xFFF).isZero();
        assertThat(ids.get(4095) & 0xFFF).isEqualTo(4095);
        assertThat(Snowflakes.timestampMs(ids.get(4095))).isEqualTo(T0);
        assertThat(Snowflakes.timestampMs(ids.get(4096))).isEqualTo(T0 + 1);
        assertThat(ids).allSatisfy(id -> assertThat((id >> 12) & 0x3FF).isEqualTo(1023));
    }

    @Test
    void theTimestampIsTheClocksMillisecond() {
        ManualClock clock = new ManualClock(T0);
        SnowflakeGenerator gen = new SnowflakeGenerator(clock, 3);
        for (long t : new long[] {T0, T0 + 1, T0 + 999, T0 + 86_400_000L, Snowflakes.DISCORD_EPOCH_MS + (1L << 40)}) {
            clock.set(t);
            long id = gen.next();
            assertThat(Snowflakes.timestampMs(id)).isEqualTo(t);
            assertThat(Snowflakes.instant(id)).isEqualTo(Instant.ofEpochMilli(t));
            assertThat(id).isPositive().isGreaterThanOrEqualTo(Snowflakes.fromTimestamp(t));
        }
    }

    @Test
    void theWorkerIdLandsInBits12To21() {
        for (int worker : new int[] {0, 1, 2, 31, 32, 512, 1022, 1023}) {
            SnowflakeGenerator gen = new SnowflakeGenerator(new ManualClock(T0), worker);
            long first = gen.next();
            long second = gen.next();
            assertThat((first >> 12) & 0x3FF).isEqualTo(worker);
            assertThat((second >> 12) & 0x3FF).isEqualTo(worker);
            assertThat(first & 0xFFF).isZero();
            assertThat(second & 0xFFF).isEqualTo(1);
        }
    }

    @Test
    void twoWorkersNeverCollideInTheSameMillisecond() {
        ManualClock clock = new ManualClock(T0);
        SnowflakeGenerator a = new SnowflakeGenerator(clock, 1);
        SnowflakeGenerator b = new SnowflakeGenerator(clock, 2);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            ids.add(a.next());
            ids.add(b.next());
        }

        assertThat(ids).hasSize(10_000);
    }

    @Test
    void concurrentCallersGetDistinctIds() throws Exception {
        SnowflakeGenerator gen = new SnowflakeGenerator(new ManualClock(T0), 5);
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) ids.add(gen.next());
            });
        }

        assertThat(ids).hasSize(16_000);
    }

    @Test
    void aWorkerIdOutside0To1023IsRejected() {
        ManualClock clock = new ManualClock(T0);
        assertThatThrownBy(() -> new SnowflakeGenerator(clock, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SnowflakeGenerator(clock, 1024)).isInstanceOf(IllegalArgumentException.class);
    }
}
