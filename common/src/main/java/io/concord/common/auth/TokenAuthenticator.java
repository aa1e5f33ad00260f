package io.concord.common.auth;

import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Turns an {@code Authorization} value into a principal: a valid access token whose device session
 * has not been revoked. Revocations live in Redis for as long as a token issued before them could
 * still be valid, so every api-node and ws-node sees a logout at once.
 */
public final class TokenAuthenticator {
    private final AccessTokens tokens;
    private final RedisClient redis;

    public TokenAuthenticator(AccessTokens tokens, RedisClient redis) {
        this.tokens = tokens;
        this.redis = redis;
    }

    private static String revokedKey(long sessionId) {
        return "revoked-session:" + sessionId;
    }

    /** Accepts {@code <token>} or {@code Bearer <token>}. */
    public Optional<Principal> authenticate(String authorization) {
        if (authorization == null) return Optional.empty();
        String token = authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : authorization.trim();
        return tokens.verify(token).filter(p -> !redis.exists(revokedKey(p.sessionId())));
    }

    public void revokeSession(long sessionId) {
        Duration ttl = tokens.lifetime().plusMinutes(1);
        redis.set(revokedKey(sessionId), "1", SetParams.setParams().ex(ttl.toSeconds()));
    }
}
