package io.concord.common.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Counts each bot's IDENTIFYs over a rolling 24 hours in Redis, shared by every ws-node, for
 * {@code GET /gateway/bot}'s {@code session_start_limit}. One sorted set per bot (score = time in
 * ms), trimmed to the window and to {@link #TOTAL} entries so it stays bounded.
 */
public final class SessionStarts {
    public static final int TOTAL = 1000;
    public static final int MAX_CONCURRENCY = 1;
    static final Duration WINDOW = Duration.ofHours(24);

    private static final String RECORD = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
            redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[4]) + 1))
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1""";
    private static final String READ = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return {redis.call('ZCARD', KEYS[1]), oldest[2] or '-1'}""";

    public record Limit(int total, int remaining, long resetAfterMs, int maxConcurrency) {}

    private final RedisClient redis;
    private final Clock clock;

    public SessionStarts(RedisClient redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    private static String key(long botUserId) {
        return "session-starts:" + botUserId;
    }

    /** How long one IDENTIFY holds its bot's concurrency bucket (Discord: {@code max_concurrency} per 5 s). */
    public static final long CONCURRENCY_WINDOW_MS = 5_000;

    /**
     * Claims the bot's identify bucket {@code shard_id % max_concurrency} for 5 s, across every node;
     * false when another IDENTIFY holds it (the caller answers op 9 and the client retries).
     */
    public boolean claimConcurrency(long botUserId, int shardId) {
        String key = "identify-concurrency:" + botUserId + ":" + (shardId % MAX_CONCURRENCY);
        return "OK".equals(redis.set(key, "1", SetParams.setParams().nx().px(CONCURRENCY_WINDOW_MS)));
    }

    public void record(long botUserId) {
        long now = clock.millis();
        redis.eval(RECORD, List.of(key(botUserId)), List.of(Long.toString(now), Long.toString(WINDOW.toMillis()),
                now + ":" + UUID.randomUUID(), Integer.toString(TOTAL)));
    }

    /** What is left of the window: {@code resetAfterMs} is when the oldest counted start leaves it (0 with none). */
    public Limit limit(long botUserId) {
        long now = clock.millis();
        List<?> r = (List<?>) redis.eval(READ, List.of(key(botUserId)), List.of(Long.toString(now), Long.toString(WINDOW.toMillis())));
        int used = (int) Math.min(TOTAL, ((Number) r.get(0)).longValue());
        long oldest = (long) Double.parseDouble(r.get(1).toString());
        long resetAfter = oldest < 0 ? 0 : Math.max(0, oldest + WINDOW.toMillis() - now);
        return new Limit(TOTAL, TOTAL - used, resetAfter, MAX_CONCURRENCY);
    }
}
