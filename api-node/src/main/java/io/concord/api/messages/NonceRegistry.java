package io.concord.api.messages;

import java.util.Optional;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Makes a retried send idempotent: with {@code enforce_nonce}, the first send with a nonce claims it
 * for the author and channel for a few minutes; a retry finds the message id it claimed.
 */
final class NonceRegistry {
    private static final long TTL_SECONDS = 300;
    private final RedisClient redis;

    NonceRegistry(RedisClient redis) {
        this.redis = redis;
    }

    private static String key(long channelId, long authorId, String nonce) {
        return "nonce:" + channelId + ":" + authorId + ":" + nonce;
    }

    /** Claims the nonce for {@code messageId}; returns the id that claimed it earlier, if any. */
    Optional<Long> claim(long channelId, long authorId, String nonce, long messageId) {
        String key = key(channelId, authorId, nonce);
        String ok = redis.set(key, Long.toString(messageId), SetParams.setParams().nx().ex(TTL_SECONDS));
        if ("OK".equals(ok)) return Optional.empty();
        String existing = redis.get(key);
        return existing == null ? Optional.empty() : Optional.of(Long.parseLong(existing));
    }

    void release(long channelId, long authorId, String nonce) {
        redis.del(key(channelId, authorId, nonce));
    }
}
