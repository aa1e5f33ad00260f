package io.concord.common.id;

import java.time.Instant;

/** Discord snowflakes: milliseconds since 2015-01-01 in bits 63..22, worker in 21..17, process in 16..12, increment in 11..0. */
public final class Snowflakes {
    public static final long DISCORD_EPOCH_MS = 1420070400000L;

    private Snowflakes() {}

    public static long timestampMs(long id) {
        return (id >>> 22) + DISCORD_EPOCH_MS;
    }

    public static Instant instant(long id) {
        return Instant.ofEpochMilli(timestampMs(id));
    }

    /** The smallest id that any snowflake taken at {@code epochMs} can have. */
    public static long fromTimestamp(long epochMs) {
        return (epochMs - DISCORD_EPOCH_MS) << 22;
    }

    /** Parses a wire id: a positive decimal that fits in 64 bits; empty when it is not one. */
    public static java.util.OptionalLong parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 20) return java.util.OptionalLong.empty();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return java.util.OptionalLong.empty();
        }
        try {
            long v = Long.parseUnsignedLong(s);
            return v > 0 ? java.util.OptionalLong.of(v) : java.util.OptionalLong.empty();
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }
}
