package io.concord.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.ratelimit.Decision.Scope;
import io.concord.common.auth.Principal;
import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The limiter against the real Redis, with principals built by hand (bots among them). */
class RedisRateLimiterTest {
    private static final RedisClient redis = Redis.connect(TestStack.stores());
    private static final List<String> CHANNEL_ROUTE = List.of("channels", "{channel_id}", "messages");
    private static final List<String> GUILD_ROUTE = List.of("guilds", "{guild_id}", "emojis");
    private static final String IP = "192.0.2.7";
    private final Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    private final PrometheusRegistry registry = new PrometheusRegistry();

    @BeforeEach
    void clear() {
        Set<String> keys = redis.keys("ratelimit:*");
        if (!keys.isEmpty()) redis.del(keys.toArray(String[]::new));
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    private RedisRateLimiter limiter(RouteLimits routes, int globalPerSecond, int invalidLimit) {
        return new RedisRateLimiter(new RateLimitConfig(true, 100, globalPerSecond, invalidLimit, Duration.ofMinutes(10)),
                routes, redis, clock, registry);
    }

    private static Decision send(RateLimiter limiter, long channel, Principal who) {
        return limiter.admit("POST", CHANNEL_ROUTE, Map.of("channel_id", Long.toString(channel)), Optional.of(who), IP);
    }

    @Test
    void aBotIsHeldToTheGlobalLimitAcrossRoutesAndChannels() {
        RateLimiter limiter = limiter(RouteLimits.discord(100), 3, 10_000);
        Principal bot = new Principal(9001, 0, true);
        assertThat(send(limiter, 1, bot).limited()).isFalse();
        assertThat(send(limiter, 2, bot).limited()).isFalse();
        assertThat(limiter.admit("GET", List.of("users", "@me"), Map.of(), Optional.of(bot), IP).limited()).isFalse();

        Decision refused = send(limiter, 3, bot);
        assertThat(refused.deniedBy()).hasValue(Scope.GLOBAL);
        assertThat(refused.headers()).containsEntry("X-RateLimit-Global", "true").containsEntry("Retry-After", "1");
        assertThat(refused.body()).containsEntry("global", true);
        assertThat(counter("http_server_rate_limited", "scope", "global")).isEqualTo(1.0);

        assertThat(send(limiter, 3, new Principal(9002, 0, true)).limited()).as("another bot").isFalse();
    }

    @Test
    void aGlobalRefusalLeavesTheRouteBucketUntouched() {
        RateLimiter limiter = limiter(RouteLimits.discord(100), 1, 10_000);
        Principal bot = new Principal(9003, 0, true);
        assertThat(send(limiter, 1, bot).headers()).containsEntry("X-RateLimit-Remaining", "4");
        assertThat(send(limiter, 1, bot).deniedBy()).hasValue(Scope.GLOBAL);
        RateLimiter later = new RedisRateLimiter(new RateLimitConfig(true, 100, 1, 10_000, Duration.ofMinutes(10)),
                RouteLimits.discord(100), redis, Clock.offset(clock, Duration.ofSeconds(1)), new PrometheusRegistry());
        assertThat(send(later, 1, bot).headers()).containsEntry("X-RateLimit-Remaining", "3");
    }

    @Test
    void aSharedLimitCountsEveryCallerOfTheResourceTogether() {
        RateLimiter limiter = limiter(RouteLimits.discord(100).route("POST", "/guilds/{}/emojis", Limit.shared("emoji", 1, Duration.ofMinutes(1))), 50, 10_000);
        Map<String, String> guild = Map.of("guild_id", "77");
        assertThat(limiter.admit("POST", GUILD_ROUTE, guild, Optional.of(new Principal(1, 1)), IP).limited()).isFalse();
        Decision other = limiter.admit("POST", GUILD_ROUTE, guild, Optional.of(new Principal(2, 2)), IP);
        assertThat(other.deniedBy()).hasValue(Scope.SHARED);
        assertThat(other.headers()).containsEntry("X-RateLimit-Scope", "shared").doesNotContainKey("X-RateLimit-Global");
    }

    @Test
    void sharedRefusalsDoNotCountAsInvalidRequestsButUserRefusalsDo() {
        RateLimiter limiter = limiter(RouteLimits.discord(100).route("POST", "/guilds/{}/emojis", Limit.shared("emoji", 1, Duration.ofMinutes(1))), 50, 1);
        Map<String, String> guild = Map.of("guild_id", "78");
        Principal user = new Principal(3, 3);
        limiter.admit("POST", GUILD_ROUTE, guild, Optional.of(user), IP);
        Decision shared = limiter.admit("POST", GUILD_ROUTE, guild, Optional.of(user), IP);
        limiter.answered(429, shared, IP);
        assertThat(send(limiter, 5, user).limited()).as("not banned after a shared 429").isFalse();

        limiter.answered(429, Decision.denied(RouteLimits.DEFAULT, 10, clock.millis() + 1, clock.millis(), Scope.USER, clock.millis() + 1), IP);
        Decision banned = send(limiter, 6, user);
        assertThat(banned.deniedBy()).hasValue(Scope.GLOBAL);
        assertThat(banned.retryAfterMs()).isEqualTo(Duration.ofMinutes(10).toMillis());
        assertThat(limiter.admit("GET", List.of("gateway"), Map.of(), Optional.empty(), "192.0.2.8").limited()).as("another IP").isFalse();
    }

    @Test
    void everyKeyExpiresShortlyAfterItsWindow() {
        RateLimiter limiter = limiter(RouteLimits.discord(100), 50, 10_000);
        Principal bot = new Principal(9004, 0, true);
        Decision d = send(limiter, 42, bot);
        limiter.answered(403, d, IP);

        String bucket = "ratelimit:bucket:" + d.limit().hash() + ":channel:42:user:9004";
        assertThat(redis.pttl(bucket)).isBetween(1L, 5_000L + RateLimitScripts.KEY_TTL_SLACK_MS);
        assertThat(redis.pttl("ratelimit:global:user:9004")).isBetween(1L, 1_000L + RateLimitScripts.KEY_TTL_SLACK_MS);
        assertThat(redis.pttl("ratelimit:invalid:" + IP)).isBetween(1L, 600_000L + RateLimitScripts.KEY_TTL_SLACK_MS);
    }

    @Test
    void anUnreachableRedisLetsRequestsThroughAndIsCounted() {
        try (RedisClient down = RedisClient.create("127.0.0.1", 1)) {
            RateLimiter limiter = new RedisRateLimiter(new RateLimitConfig(true, 100, 1, 1, Duration.ofMinutes(10)),
                    RouteLimits.discord(100), down, clock, registry);
            Decision d = send(limiter, 1, new Principal(1, 1, true));
            assertThat(d.limited()).isFalse();
            assertThat(d.headers()).isEmpty();
            limiter.answered(401, d, IP);
            assertThat(counter("rate_limiter_failures", "operation", "admit")).isEqualTo(1.0);
            assertThat(counter("rate_limiter_failures", "operation", "count_invalid")).isEqualTo(1.0);
        }
    }

    /** The sum of the counter {@code name} over its series whose {@code label} is {@code value}. */
    private double counter(String name, String label, String value) {
        for (MetricSnapshot s : registry.scrape()) {
            if (!(s instanceof CounterSnapshot c) || !s.getMetadata().getName().equals(name)) continue;
            return c.getDataPoints().stream().filter(p -> value.equals(p.getLabels().get(label)))
                    .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
        }
        return 0;
    }
}
