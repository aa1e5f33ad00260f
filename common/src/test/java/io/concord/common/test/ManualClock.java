package io.concord.common.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until the test moves it; safe to read from the service's threads. */
public final class ManualClock extends Clock {
    private volatile long millis;

    public ManualClock(long millis) {
        this.millis = millis;
    }

    public static ManualClock now() {
        return new ManualClock(System.currentTimeMillis());
    }

    public synchronized void advance(Duration by) {
        millis += by.toMillis();
    }

    /** Moves the clock to {@code millis}, backwards too (a clock stepped back by NTP). */
    public synchronized void set(long millis) {
        this.millis = millis;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
