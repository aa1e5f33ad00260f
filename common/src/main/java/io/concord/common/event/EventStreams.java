package io.concord.common.event;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

/**
 * The guild event streams: {@code guild-events:{p}} with {@code p = (guild_id >> 22) % partitions}
 * (the hash tag keeps a partition's keys on one Redis Cluster slot). Trimmed approximately to
 * {@code maxLength} entries so they hold at least the resume window at the expected rate.
 */
public final class EventStreams {
    private final RedisClient redis;
    private final int partitions;
    private final long maxLength;

    public EventStreams(RedisClient redis, int partitions, long maxLength) {
        this.redis = redis;
        this.partitions = partitions;
        this.maxLength = maxLength;
    }

    public int partitions() {
        return partitions;
    }

    public int partition(long guildId) {
        return (int) Long.remainderUnsigned(guildId >>> 22, partitions);
    }

    public static String guildStream(int partition) {
        return "guild-events:{" + partition + "}";
    }

    /** Appends the event to its guild's partition; returns the stream entry id. */
    public StreamEntryID publish(GuildEvent event) {
        return redis.xadd(guildStream(partition(event.guildId())),
                XAddParams.xAddParams().maxLen(maxLength).approximateTrimming(), event.toFields());
    }
}
