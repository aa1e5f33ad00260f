package io.concord.api.ratelimit;

import io.concord.api.ratelimit.Decision.Scope;
import io.concord.common.auth.Principal;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * Discord's REST limits with their state in Redis, shared by every api-node: a fixed window per
 * route bucket x top-level resource x caller, a global window per bot (per IP when unauthenticated)
 * and an invalid-request window per IP. When Redis fails it lets requests through: a Redis blip must
 * not take the API down.
 */
public final class RedisRateLimiter implements RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    private static final Duration GLOBAL_WINDOW = Duration.ofSeconds(1);

    private final RateLimitConfig config;
    private final RouteLimits routes;
    private final RateLimitScripts scripts;
    private final Clock clock;
    private final Counter limited;
    private final Counter failures;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public RedisRateLimiter(RateLimitConfig config, RouteLimits routes, RedisClient redis, Clock clock, PrometheusRegistry registry) {
        this.config = config;
        this.routes = routes;
        this.scripts = new RateLimitScripts(redis);
        this.clock = clock;
        this.limited = Counter.builder().name("http_server_rate_limited_total").help("REST requests answered 429 by the rate limiter")
                .labelNames("scope", "bucket").register(registry);
        this.failures = Counter.builder().name("rate_limiter_failures_total")
                .help("Rate-limit checks skipped (request let through) because Redis failed").labelNames("operation").register(registry);
    }

    @Override
    public Decision admit(String method, List<String> template, Map<String, String> params, Optional<Principal> principal, String clientIp) {
        Limit limit = routes.forRoute(method, "/" + String.join("/", template));
        String caller = principal.map(p -> "user:" + p.userId()).orElse("ip:" + clientIp);
        boolean global = principal.map(Principal::bot).orElse(true);
        String bucketKey = RateLimitKeys.bucket(limit, RateLimitKeys.majorParameter(template, params), caller);
        long now = clock.millis();
        RateLimitScripts.Admission a;
        try {
            a = scripts.admit(RateLimitKeys.invalid(clientIp), global ? RateLimitKeys.global(caller) : bucketKey, bucketKey, now,
                    config.invalidRequestLimit(), global ? config.globalPerSecond() : 0, GLOBAL_WINDOW.toMillis(),
                    limit.count(), limit.window().toMillis());
        } catch (RuntimeException e) {
            failed("admit", e);
            return Decision.unchecked();
        }
        Decision d = switch (a.outcome()) {
            case 0 -> Decision.allowed(limit, a.bucketCount(), a.bucketResetMs(), now);
            case 3 -> Decision.denied(limit, a.bucketCount(), a.bucketResetMs(), now, limit.shared() ? Scope.SHARED : Scope.USER, a.retryAtMs());
            default -> Decision.denied(limit, a.bucketCount(), a.bucketResetMs(), now, Scope.GLOBAL, a.retryAtMs());
        };
        d.deniedBy().ifPresent(scope -> limited.labelValues(scope.header(), limit.name()).inc());
        return d;
    }

    @Override
    public void answered(int status, Decision decision, String clientIp) {
        boolean invalid = status == 401 || status == 403 || (status == 429 && decision.deniedBy().orElse(Scope.USER) != Scope.SHARED);
        if (!invalid) return;
        try {
            scripts.countInvalid(RateLimitKeys.invalid(clientIp), clock.millis(), config.invalidRequestWindow().toMillis());
        } catch (RuntimeException e) {
            failed("count_invalid", e);
        }
    }

    private void failed(String operation, RuntimeException e) {
        failures.labelValues(operation).inc();
        long last = lastWarning.get();
        long now = System.nanoTime();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("rate limiter cannot reach Redis ({}): letting requests through", operation, e);
        }
    }
}
