package io.concord.api.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The Lua side of the limiter, so that reading and counting a window happen in one atomic round trip
 * shared by every api-node. A window is a hash {@code {n, reset}}: {@code n} requests since it opened,
 * closing at {@code reset} (epoch ms of the api-node's Clock, so tests can move time). The key's TTL
 * is only garbage collection: it outlives the window by a slack that absorbs clock skew between nodes.
 */
final class RateLimitScripts {
    static final long KEY_TTL_SLACK_MS = 10_000;

    private static final String WINDOWS = """
            local now = tonumber(ARGV[1])
            local slack = tonumber(ARGV[2])
            local function window(key)
              local v = redis.call('HMGET', key, 'n', 'reset')
              local n, reset = tonumber(v[1]), tonumber(v[2])
              if n == nil or reset == nil or reset <= now then return 0, 0 end
              return n, reset
            end
            local function hit(key, n, ms)
              if n == 0 then
                redis.call('HSET', key, 'n', 1, 'reset', now + ms)
                redis.call('PEXPIRE', key, ms + slack)
              else
                redis.call('HINCRBY', key, 'n', 1)
              end
            end
            """;

    /**
     * KEYS: invalid-request window of the IP, global window of the caller, route bucket window.
     * ARGV: now, slack, invalid limit, global limit (0: none), global ms, bucket limit, bucket ms.
     * Returns {outcome, bucket count, bucket reset, retry at}; outcome 0 admitted (and counted),
     * 1 global limit, 2 invalid-request limit, 3 bucket limit.
     */
    private static final String ADMIT = WINDOWS + """
            local invalid_limit = tonumber(ARGV[3])
            local global_limit, global_ms = tonumber(ARGV[4]), tonumber(ARGV[5])
            local bucket_limit, bucket_ms = tonumber(ARGV[6]), tonumber(ARGV[7])
            local bn, breset = window(KEYS[3])
            local shown = breset
            if bn == 0 then shown = now + bucket_ms end
            local iv, ireset = window(KEYS[1])
            if iv >= invalid_limit then return {2, bn, shown, ireset} end
            local gn, greset = 0, 0
            if global_limit > 0 then
              gn, greset = window(KEYS[2])
              if gn >= global_limit then return {1, bn, shown, greset} end
            end
            if bn >= bucket_limit then return {3, bn, breset, breset} end
            if global_limit > 0 then hit(KEYS[2], gn, global_ms) end
            hit(KEYS[3], bn, bucket_ms)
            return {0, bn + 1, shown, 0}
            """;

    /** KEYS: invalid-request window of the IP. ARGV: now, slack, window ms. */
    private static final String COUNT = WINDOWS + """
            local n = window(KEYS[1])
            hit(KEYS[1], n, tonumber(ARGV[3]))
            return n + 1
            """;

    record Admission(int outcome, long bucketCount, long bucketResetMs, long retryAtMs) {}

    private final RedisClient redis;
    private final String admitSha = sha1(ADMIT);
    private final String countSha = sha1(COUNT);

    RateLimitScripts(RedisClient redis) {
        this.redis = redis;
    }

    Admission admit(String invalidKey, String globalKey, String bucketKey, long nowMs, int invalidLimit,
                    int globalLimit, long globalMs, int bucketLimit, long bucketMs) {
        List<?> r = (List<?>) run(ADMIT, admitSha, List.of(invalidKey, globalKey, bucketKey), List.of(
                Long.toString(nowMs), Long.toString(KEY_TTL_SLACK_MS), Integer.toString(invalidLimit),
                Integer.toString(globalLimit), Long.toString(globalMs), Integer.toString(bucketLimit), Long.toString(bucketMs)));
        return new Admission(((Long) r.get(0)).intValue(), (Long) r.get(1), (Long) r.get(2), (Long) r.get(3));
    }

    long countInvalid(String invalidKey, long nowMs, long windowMs) {
        return (Long) run(COUNT, countSha, List.of(invalidKey),
                List.of(Long.toString(nowMs), Long.toString(KEY_TTL_SLACK_MS), Long.toString(windowMs)));
    }

    /** EVALSHA, falling back to EVAL (which caches the script) on a server that has not seen it yet. */
    private Object run(String script, String sha, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(script, keys, args);
        }
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
