package io.concord.common.id;

import java.time.Clock;

/**
 * Takes unique, increasing snowflakes for one process. The worker id (0..1023) must be unique per
 * process in a deployment; it fills both the worker and process fields.
 */
public final class SnowflakeGenerator {
    private static final int MAX_INCREMENT = 0xFFF;
    private final Clock clock;
    private final long workerBits;
    private long lastMs = -1;
    private int increment;

    public SnowflakeGenerator(Clock clock, int workerId) {
        if (workerId < 0 || workerId > 1023) throw new IllegalArgumentException("workerId must be 0..1023");
        this.clock = clock;
        this.workerBits = (long) workerId << 12;
    }

    public synchronized long next() {
        long now = Math.max(clock.millis(), lastMs);
        if (now == lastMs) {
            if (++increment > MAX_INCREMENT) {
                // 4096 ids in one millisecond: borrow the next millisecond rather than block.
                now = lastMs + 1;
                increment = 0;
            }
        } else {
            increment = 0;
        }
        lastMs = now;
        return ((now - Snowflakes.DISCORD_EPOCH_MS) << 22) | workerBits | increment;
    }
}
