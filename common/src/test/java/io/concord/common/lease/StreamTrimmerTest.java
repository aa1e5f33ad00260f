package io.concord.common.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Trimming in a real Redis: entries go once they are older than the retention and every consumer
 * group has read and acknowledged them, not before. Entry ids are set by hand (their time part is
 * the clock the trimmer compares with the retention).
 */
class StreamTrimmerTest {
    private static final Duration RETENTION = Duration.ofSeconds(60);
    /** "Now" for the trimmer: entries at 1..100 s are older than the retention (before 190 s), 200..210 s newer. */
    private static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(250_000), ZoneOffset.UTC);
    private RedisClient redis;
    private String stream;
    private StreamTrimmer trimmer;

    @BeforeEach
    void setUp() {
        redis = Redis.connect(TestStack.stores());
        stream = "trim-test:{" + UUID.randomUUID() + "}";
        trimmer = new StreamTrimmer(redis, NOW, RETENTION);
        for (long t = 1; t <= 100; t++) append(t * 1000);
        for (long t = 200; t <= 210; t++) append(t * 1000);
    }

    @AfterEach
    void tearDown() {
        redis.del(stream);
        redis.close();
    }

    private void append(long ms) {
        redis.xadd(stream, XAddParams.xAddParams().id(new StreamEntryID(ms, 0)), Map.of("n", Long.toString(ms)));
    }

    /** The group reads {@code count} entries and acknowledges the first {@code acked} of them. */
    private void consume(String group, int count, int acked) {
        redis.xgroupCreate(stream, group, new StreamEntryID(0, 0), false);
        if (count == 0) return;
        List<StreamEntry> read = redis.xreadGroup(group, "c", XReadGroupParams.xReadGroupParams().count(count),
                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)).getFirst().getValue();
        for (StreamEntry e : read.subList(0, acked)) redis.xack(stream, group, e.getID());
    }

    @Test
    void withNoGroupEverythingOlderThanTheRetentionGoes() {
        assertThat(trimmer.trim(stream)).isEqualTo(new StreamEntryID(190_000, 0));
        // Approximate trimming removes whole internal nodes: some of what was asked, never a newer entry.
        assertThat(redis.xlen(stream)).isLessThan(111);
        assertThat(redis.xrange(stream, "200000-0", "+")).hasSize(11);
    }

    @Test
    void aGroupThatReadAndAcknowledgedEverythingOldDoesNotHoldTrimmingBack() {
        consume("fast", 111, 111);
        assertThat(trimmer.trim(stream)).isEqualTo(new StreamEntryID(190_000, 0));
    }

    @Test
    void aLaggingGroupKeepsWhatItHasNotReadYet() {
        consume("fast", 111, 111);
        consume("slow", 30, 30);
        assertThat(trimmer.trim(stream)).isEqualTo(new StreamEntryID(30_000, 1));
        assertThat(redis.xrange(stream, "31000-0", "+")).hasSize(81);
    }

    @Test
    void anEntryReadButNotAcknowledgedIsKept() {
        consume("crashed", 50, 20);
        assertThat(trimmer.trim(stream)).isEqualTo(new StreamEntryID(21_000, 0));
        assertThat(redis.xrange(stream, "21000-0", "+")).hasSize(91);
    }

    @Test
    void aGroupThatNeverReadKeepsEverything() {
        consume("idle", 0, 0);
        trimmer.trim(stream);
        assertThat(redis.xlen(stream)).isEqualTo(111);
        assertThat(trimmer.groupsThatLostEntries(stream)).isEmpty();
    }

    @Test
    void aGroupWhoseUnreadEntriesTheAppendCapRemovedIsReported() {
        consume("fast", 111, 111);
        consume("slow", 10, 10);
        redis.xtrim(stream, XTrimParams.xTrimParams().maxLen(50));
        assertThat(trimmer.groupsThatLostEntries(stream)).containsExactly("slow");
    }
}
