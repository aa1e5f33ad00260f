package io.concord.common.lease;

import io.concord.common.event.StreamHistory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * Trims a stream as far as is safe: below the retention (a resume on another node rebuilds from the
 * guild streams, so they must hold at least the resume window) and below what every consumer group
 * has read and acknowledged. A lagging or stopped group holds its entries back; only the append-time
 * cap ({@code STREAM_MAX_LENGTH}) can drop them, and {@link #groupsThatLostEntries} then says so.
 */
public final class StreamTrimmer {
    private final RedisClient redis;
    private final Clock clock;
    private final long retentionMs;

    public StreamTrimmer(RedisClient redis, Clock clock, Duration retention) {
        this.redis = redis;
        this.clock = clock;
        this.retentionMs = retention.toMillis();
    }

    /** Trims the stream; returns the id everything below which may have been removed (Redis trims in whole nodes, so maybe less). */
    public StreamEntryID trim(String stream) {
        StreamEntryID bound = safeBound(stream, redis.xinfoGroups(stream));
        redis.xtrim(stream, XTrimParams.xTrimParams().minId(bound.toString()).approximateTrimming());
        return bound;
    }

    StreamEntryID safeBound(String stream, List<StreamGroupInfo> groups) {
        StreamEntryID bound = new StreamEntryID(Math.max(0, clock.millis() - retentionMs), 0);
        for (StreamGroupInfo g : groups) bound = min(bound, neededFrom(stream, g));
        return bound;
    }

    /** The first entry the group still needs: its oldest unacknowledged one, else the one after the last it read. */
    private StreamEntryID neededFrom(String stream, StreamGroupInfo group) {
        if (group.getPending() > 0) {
            StreamPendingSummary pending = redis.xpending(stream, group.getName());
            if (pending.getMinId() != null) return pending.getMinId();
        }
        StreamEntryID last = group.getLastDeliveredId();
        return new StreamEntryID(last.getTime(), last.getSequence() + 1);
    }

    /** The groups that lost entries they never read (only the append-time cap removes those). */
    public List<String> groupsThatLostEntries(String stream) {
        StreamHistory history = StreamHistory.of(redis.xinfoStream(stream).getStreamInfo());
        return redis.xinfoGroups(stream).stream()
                .filter(g -> !history.holdsEverythingAfter(g.getLastDeliveredId()))
                .map(StreamGroupInfo::getName).toList();
    }

    private static StreamEntryID min(StreamEntryID a, StreamEntryID b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
