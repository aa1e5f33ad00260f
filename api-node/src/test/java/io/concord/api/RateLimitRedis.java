package io.concord.api;

import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.util.Set;
import redis.clients.jedis.RedisClient;

/** The rate limiter's keys in the test Redis: every rate-limit test starts from none. */
final class RateLimitRedis implements AutoCloseable {
    private final RedisClient redis = Redis.connect(TestStack.stores());

    /** Forgets every window, including the test IP's global and invalid-request windows. */
    void clear() {
        Set<String> keys = keys();
        if (!keys.isEmpty()) redis.del(keys.toArray(String[]::new));
    }

    Set<String> keys() {
        return redis.keys("ratelimit:*");
    }

    long pttl(String key) {
        return redis.pttl(key);
    }

    @Override
    public void close() {
        redis.close();
    }
}
