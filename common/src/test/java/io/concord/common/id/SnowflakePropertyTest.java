package io.concord.common.id;

import io.concord.common.test.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Negative;
import net.jqwik.api.constraints.Positive;
import net.jqwik.api.constraints.Size;

class SnowflakePropertyTest {
    /** 2015-01-01 up to the last millisecond whose snowflakes stay positive (2084). */
    static final long FIRST_MS = Snowflakes.DISCORD_EPOCH_MS;
    static final long LAST_MS = Snowflakes.DISCORD_EPOCH_MS + (Long.MAX_VALUE >>> 22);

    @Property
    void parseReadsBackEveryPositiveLong(@ForAll @Positive long x) {
        assertThat(Snowflakes.parse(Long.toString(x))).hasValue(x);
    }

    @Property
    void parseRejectsEveryUnsignedValueWithBit63Set(@ForAll @Negative long x) {
        assertThat(Snowflakes.parse(Long.toUnsignedString(x))).isEmpty();
    }

    @Property
    void timestampOfFromTimestampIsTheSameMillisecond(@ForAll @LongRange(min = FIRST_MS, max = LAST_MS) long ms,
                                                      @ForAll @IntRange(min = 0, max = (1 << 22) - 1) int low) {
        long id = Snowflakes.fromTimestamp(ms);
        assertThat(Snowflakes.timestampMs(id)).isEqualTo(ms);
        assertThat(Snowflakes.timestampMs(id | low)).isEqualTo(ms);
    }

    @Property
    void generatorIdsStrictlyIncreaseWhateverTheClockDoes(
            @ForAll @Size(max = 300) List<@IntRange(min = -50, max = 50) Integer> clockSteps,
            @ForAll @IntRange(min = 0, max = 1023) int worker) {
        ManualClock clock = new ManualClock(SnowflakeGeneratorTest.T0);
        SnowflakeGenerator gen = new SnowflakeGenerator(clock, worker);
        long previous = gen.next();
        for (int step : clockSteps) {
            clock.advance(java.time.Duration.ofMillis(step));
            long id = gen.next();
            assertThat(id).isGreaterThan(previous);
            assertThat((id >> 12) & 0x3FF).isEqualTo(worker);
            previous = id;
        }
    }

    @Property
    void generatorStampsTheClocksMillisecondWhenTimeMovesForward(
            @ForAll @LongRange(min = FIRST_MS + 1, max = LAST_MS) long ms,
            @ForAll @IntRange(min = 0, max = 1023) int worker) {
        SnowflakeGenerator gen = new SnowflakeGenerator(new ManualClock(ms), worker);
        long id = gen.next();

        assertThat(Snowflakes.timestampMs(id)).isEqualTo(ms);
        assertThat(id).isPositive();
    }
}
