package io.concord.common.search;

import io.concord.common.event.EventStreams;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * How far the message index has caught up, in Redis:
 * <ul>
 * <li>{@code search:indexed:{p}}: the id of the last entry of {@code guild-events:{p}} whose effect the
 * indexer has seen succeed in Meilisearch (written after the task succeeded, before the XACK);</li>
 * <li>{@code search:reindexing:{guild}} / {@code search:reindexing:all}: a reindex of that guild (of
 * every guild) is running; the key expires unless the reindex keeps renewing it, so a killed reindex
 * does not leave a guild unsearchable forever.</li>
 * </ul>
 */
public final class IndexProgress {
    public static final String ALL = "all";
    private final RedisClient redis;

    public IndexProgress(RedisClient redis) {
        this.redis = redis;
    }

    public static String indexedKey(int partition) {
        return "search:indexed:{" + partition + "}";
    }

    public static String reindexingKey(long guildId) {
        return "search:reindexing:" + (guildId == 0 ? ALL : Long.toUnsignedString(guildId));
    }

    /** Records that everything up to {@code id} is indexed; never moves backwards (a new owner re-handles pending entries). */
    public void markIndexed(int partition, StreamEntryID id) {
        Optional<StreamEntryID> current = indexed(partition);
        if (current.isPresent() && current.get().compareTo(id) >= 0) return;
        redis.set(indexedKey(partition), id.toString());
    }

    public Optional<StreamEntryID> indexed(int partition) {
        String v = redis.get(indexedKey(partition));
        return v == null ? Optional.empty() : Optional.of(new StreamEntryID(v));
    }

    /**
     * How long the oldest entry of the partition that is not indexed yet has been waiting, by its
     * entry-id time; empty when everything the stream holds is indexed.
     */
    public OptionalLong waitingMs(int partition, long nowMs) {
        String from = indexed(partition).map(id -> "(" + id).orElse("-");
        List<StreamEntry> next = redis.xrange(EventStreams.guildStream(partition), from, "+", 1);
        if (next == null || next.isEmpty()) return OptionalLong.empty();
        return OptionalLong.of(Math.max(0, nowMs - next.getFirst().getID().getTime()));
    }

    /** Marks a reindex of {@code guildId} (0: every guild) as running for {@code ttl}; call again to extend. */
    public void markReindexing(long guildId, Duration ttl) {
        redis.setex(reindexingKey(guildId), Math.max(1, ttl.toSeconds()), "1");
    }

    public void clearReindexing(long guildId) {
        redis.del(reindexingKey(guildId));
    }

    public boolean reindexing(long guildId) {
        return redis.exists(reindexingKey(guildId)) || redis.exists(reindexingKey(0));
    }
}
