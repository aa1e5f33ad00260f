package io.concord.common.store;

import io.concord.common.config.StoreConfig;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClient;

/** The Redis client: a pool large enough for the blocking stream reads each process keeps open. */
public final class Redis {
    private Redis() {}

    public static RedisClient connect(StoreConfig config) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(128);
        pool.setMaxIdle(32);
        pool.setJmxEnabled(false);
        return RedisClient.builder().fromURI(config.redisUrl()).poolConfig(pool).build();
    }

    public static boolean isReachable(RedisClient redis) {
        try {
            return "PONG".equals(redis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
