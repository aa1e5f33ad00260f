package io.concord.common.readstate;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.RedisClient;

/**
 * The hot copy of read states in Redis: hash {@code readstates:{user}}, field = channel id, value =
 * {@code guild:cursor:base:pin:version}. Acks land here first (atomically, with the next version);
 * the readstate-worker persists them to CQL in batches and then lets the hash expire, so Redis holds
 * only recently active users. Readers merge it with CQL by version.
 */
public final class ReadStateCache {
    /** Kept this long after the worker persisted the user's states (every flush renews it). */
    public static final long IDLE_TTL_SECONDS = 24 * 3600;
    // KEYS[1] hash; ARGV: channel, guild, cursor, base, now, mode ("set" | "advance"), pin ("" = keep)
    // Returns the stored value after the call (unchanged for an advance that does not move forward).
    private static final String ACK = """
            local old = redis.call('HGET', KEYS[1], ARGV[1])
            local cursor, base, pin, version = 0, 0, 0, 0
            if old then
              local p = {}
              for x in string.gmatch(old, '[^:]+') do p[#p + 1] = x end
              cursor, base, pin, version = tonumber(p[2]), tonumber(p[3]), tonumber(p[4]), tonumber(p[5])
            end
            local newCursor = tonumber(ARGV[3])
            if ARGV[6] == 'advance' and old and newCursor <= cursor then return old end
            if ARGV[7] ~= '' then pin = tonumber(ARGV[7]) end
            version = math.max(version + 1, tonumber(ARGV[5]))
            local value = ARGV[2] .. ':' .. ARGV[3] .. ':' .. ARGV[4] .. ':' .. string.format('%d', pin) .. ':' .. string.format('%d', version)
            redis.call('HSET', KEYS[1], ARGV[1], value)
            return value
            """;
    private final RedisClient redis;
    private final Clock clock;

    public ReadStateCache(RedisClient redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    static String key(long userId) {
        return "readstates:{" + userId + "}";
    }

    /** Sets the cursor (forwards or backwards: the latest ack wins) and returns the new state. */
    public ReadState set(long userId, long guildId, long channelId, long cursor, int mentionBase) {
        return call(userId, guildId, channelId, cursor, mentionBase, "set");
    }

    /** Moves the cursor forward only (the author's own message); returns the state, changed or not. */
    public ReadState advance(long userId, long guildId, long channelId, long cursor) {
        return call(userId, guildId, channelId, cursor, 0, "advance");
    }

    private ReadState call(long userId, long guildId, long channelId, long cursor, int base, String mode) {
        Object value = redis.eval(ACK, List.of(key(userId)), List.of(Long.toString(channelId), Long.toString(guildId), Long.toString(cursor),
                Integer.toString(base), Long.toString(clock.millis()), mode, ""));
        return ReadState.decode(userId, channelId, (String) value);
    }

    public Map<Long, ReadState> all(long userId) {
        Map<Long, ReadState> out = new HashMap<>();
        redis.hgetAll(key(userId)).forEach((c, v) -> {
            long channelId = Long.parseLong(c);
            out.put(channelId, ReadState.decode(userId, channelId, v));
        });
        return out;
    }

    public void expireLater(long userId) {
        redis.expire(key(userId), IDLE_TTL_SECONDS);
    }
}
