package io.concord.common.lease;

import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/** One lease per (group, partition) in Redis: held by one worker, renewed, taken over when it expires. */
public final class PartitionLeases {
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private final RedisClient redis;
    private final String group;
    private final String workerId;

    PartitionLeases(RedisClient redis, String group, String workerId) {
        this.redis = redis;
        this.group = group;
        this.workerId = workerId;
    }

    /** The Redis key of a partition's lease in a consumer group; its value is the holder's worker id. */
    public static String key(String group, int partition) {
        return "lease:" + group + ":{" + partition + "}";
    }

    private String key(int partition) {
        return key(group, partition);
    }

    boolean acquire(int partition, long ttlMs) {
        return "OK".equals(redis.set(key(partition), workerId, SetParams.setParams().nx().px(ttlMs)));
    }

    boolean renew(int partition, long ttlMs) {
        Object r = redis.eval(RENEW, List.of(key(partition)), List.of(workerId, Long.toString(ttlMs)));
        return r instanceof Long l && l == 1L;
    }

    void release(int partition) {
        redis.eval(RELEASE, List.of(key(partition)), List.of(workerId));
    }
}
