package io.concord.common.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Turns an {@code Authorization} value into a principal: a valid access token whose device session
 * has not been revoked, or a bot token whose hash is the bot's current one. Revocations live in
 * Redis for as long as a token issued before them could still be valid (or cached), so every
 * api-node and ws-node sees a logout or a bot token reset at once.
 */
public final class TokenAuthenticator {
    /** Where bot token hashes are stored (the applications table). */
    @FunctionalInterface
    public interface BotTokenLookup {
        OptionalLong botUserId(String tokenHash);
    }

    /** How long a resolved bot token stays cached; a reset marks the old hash revoked for longer. */
    static final Duration BOT_TOKEN_CACHE_TTL = Duration.ofHours(1);
    private static final Duration BOT_TOKEN_REVOKED_TTL = BOT_TOKEN_CACHE_TTL.plusMinutes(5);
    private static final BotTokenLookup NO_BOTS = hash -> OptionalLong.empty();
    private static final String BOT_PREFIX = "Bot ";
    private static final String BEARER_PREFIX = "Bearer ";
    private final AccessTokens tokens;
    private final RedisClient redis;
    private final BotTokenLookup bots;

    public TokenAuthenticator(AccessTokens tokens, RedisClient redis, BotTokenLookup bots) {
        this.tokens = tokens;
        this.redis = redis;
        this.bots = bots;
    }

    /** An authenticator that knows no bots (user access tokens only). */
    public TokenAuthenticator(AccessTokens tokens, RedisClient redis) {
        this(tokens, redis, NO_BOTS);
    }

    private static String revokedKey(long sessionId) {
        return "revoked-session:" + sessionId;
    }

    private static String botTokenKey(String hash) {
        return "bot-token:" + hash;
    }

    private static String revokedBotTokenKey(String hash) {
        return "bot-token-revoked:" + hash;
    }

    /** A REST {@code Authorization} header: {@code Bot <bot token>}, or a user's {@code <token>} or {@code Bearer <token>}. */
    public Optional<Principal> authenticate(String authorization) {
        if (authorization == null) return Optional.empty();
        if (authorization.startsWith(BOT_PREFIX)) return bot(authorization.substring(BOT_PREFIX.length()).trim());
        String token = authorization.startsWith(BEARER_PREFIX) ? authorization.substring(BEARER_PREFIX.length()).trim() : authorization.trim();
        return user(token);
    }

    /** The token of a gateway IDENTIFY or RESUME: a raw bot token or a raw user access token. */
    public Optional<Principal> authenticateGateway(String token) {
        if (token == null) return Optional.empty();
        String t = token.trim();
        if (t.startsWith(BOT_PREFIX) || t.startsWith(BEARER_PREFIX)) return authenticate(t);
        return BotTokens.claimedUserId(t).isPresent() ? bot(t) : user(t);
    }

    private Optional<Principal> user(String token) {
        return tokens.verify(token).filter(p -> !redis.exists(revokedKey(p.sessionId())));
    }

    /** One Redis round trip per call; Postgres only on a cache miss. */
    private Optional<Principal> bot(String token) {
        OptionalLong claimed = BotTokens.claimedUserId(token);
        if (claimed.isEmpty()) return Optional.empty();
        String hash = BotTokens.hash(token);
        List<String> cached = redis.mget(botTokenKey(hash), revokedBotTokenKey(hash));
        if (cached.get(1) != null) return Optional.empty();
        OptionalLong userId;
        if (cached.get(0) != null) {
            userId = OptionalLong.of(Long.parseLong(cached.get(0)));
        } else {
            userId = bots.botUserId(hash);
            // A reset racing this fill is harmless: its revocation marker outlives this entry.
            userId.ifPresent(id -> redis.set(botTokenKey(hash), Long.toString(id), SetParams.setParams().ex(BOT_TOKEN_CACHE_TTL.toSeconds())));
        }
        if (userId.isEmpty() || userId.getAsLong() != claimed.getAsLong()) return Optional.empty();
        return Optional.of(new Principal(userId.getAsLong(), 0, true));
    }

    public void revokeSession(long sessionId) {
        Duration ttl = tokens.lifetime().plusMinutes(1);
        redis.set(revokedKey(sessionId), "1", SetParams.setParams().ex(ttl.toSeconds()));
    }

    /** Invalidates a replaced bot token on every node: call after the new hash is stored. */
    public void revokeBotToken(String oldHash) {
        redis.set(revokedBotTokenKey(oldHash), "1", SetParams.setParams().ex(BOT_TOKEN_REVOKED_TTL.toSeconds()));
        redis.del(botTokenKey(oldHash));
    }
}
