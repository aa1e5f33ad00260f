package io.concord.common.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SnowflakesTest {

    @Test
    void decodesDiscordsDocumentedExample() {
        // developers/reference.mdx: 175928847299117063 was taken at 2016-04-30 11:18:25.796 UTC
        long id = 175928847299117063L;
        assertThat(Snowflakes.timestampMs(id)).isEqualTo(1462015105796L);
        assertThat(Snowflakes.instant(id)).isEqualTo(Instant.parse("2016-04-30T11:18:25.796Z"));
        assertThat((id & 0x3E0000) >> 17).isEqualTo(1); // internal worker id
        assertThat((id & 0x1F000) >> 12).isZero(); // internal process id
        assertThat(id & 0xFFF).isEqualTo(7); // increment
    }

    @Test
    void fromTimestampIsTheSmallestIdOfThatMillisecond() {
        long ms = Instant.parse("2025-06-01T12:00:00Z").toEpochMilli();
        long id = Snowflakes.fromTimestamp(ms);

        assertThat(id & 0x3FFFFF).isZero();
        assertThat(Snowflakes.timestampMs(id)).isEqualTo(ms);
        assertThat(Snowflakes.timestampMs(id - 1)).isEqualTo(ms - 1);
        assertThat(Snowflakes.fromTimestamp(Snowflakes.DISCORD_EPOCH_MS)).isZero();
    }

    @Test
    void parseAcceptsPositiveDecimalsUpToLongMax() {
        assertThat(Snowflakes.parse("1")).hasValue(1);
        assertThat(Snowflakes.parse("175928847299117063")).hasValue(175928847299117063L);
        assertThat(Snowflakes.parse("9223372036854775807")).hasValue(Long.MAX_VALUE);
    }

    /**
     * Discord documents snowflakes as unsigned 64-bit, but bit 63 is only reached in 2084 and every
     * Concord id is a positive long, so an id above Long.MAX_VALUE names nothing: parse rejects it
     * instead of handing back a negative long.
     */
    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "18446744073709551615", "18446744073709551616", "99999999999999999999"})
    void parseRejectsValuesAboveLongMax(String s) {
        assertThat(Snowflakes.parse(s)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "0", "00", "abc", "1e5", " 1", "1 ", "+1", "0x10", "1.0", "12a",
            "١٢٣", "１２", "100000000000000000000", "000000000000000000001"})
    void parseRejectsAnythingButAPositiveDecimalOfAtMost20Digits(String s) {
        assertThat(Snowflakes.parse(s)).isEmpty();
    }

    @Test
    void parseRejectsNull() {
        assertThat(Snowflakes.parse(null)).isEqualTo(OptionalLong.empty());
    }
}
