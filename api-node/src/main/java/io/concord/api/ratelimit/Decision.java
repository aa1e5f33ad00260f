package io.concord.api.ratelimit;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the limiter decided for one request: the state of its route bucket after the request
 * ({@code used} of {@code limit.count()} until {@code resetAtMs}) and, when it is refused, the scope
 * that refused it and when the caller may retry.
 */
public record Decision(boolean checked, Limit limit, long used, long resetAtMs, long nowMs, Optional<Scope> deniedBy, long retryAtMs) {

    public enum Scope {
        USER, SHARED, GLOBAL;

        public String header() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** No limit was consulted (rate limits off, or the store unreachable): no headers, never refused. */
    static Decision unchecked() {
        return new Decision(false, RouteLimits.DEFAULT, 0, 0, 0, Optional.empty(), 0);
    }

    static Decision allowed(Limit limit, long used, long resetAtMs, long nowMs) {
        return new Decision(true, limit, used, resetAtMs, nowMs, Optional.empty(), 0);
    }

    static Decision denied(Limit limit, long used, long resetAtMs, long nowMs, Scope scope, long retryAtMs) {
        return new Decision(true, limit, used, resetAtMs, nowMs, Optional.of(scope), retryAtMs);
    }

    public boolean limited() {
        return deniedBy.isPresent();
    }

    public long retryAfterMs() {
        return Math.max(1, retryAtMs - nowMs);
    }

    /** The X-RateLimit-* headers, plus on a 429 the ones JDA reads to decide how long to wait. */
    public Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        if (!checked) return h;
        h.put("X-RateLimit-Limit", Integer.toString(limit.count()));
        h.put("X-RateLimit-Remaining", Long.toString(Math.max(0, limit.count() - used)));
        h.put("X-RateLimit-Reset", seconds(resetAtMs));
        h.put("X-RateLimit-Reset-After", seconds(Math.max(0, resetAtMs - nowMs)));
        h.put("X-RateLimit-Bucket", limit.hash());
        deniedBy.ifPresent(scope -> {
            // JDA parses Retry-After as a long and treats a 429 without Via as Cloudflare's (blocking every route).
            h.put("Retry-After", Long.toString((retryAfterMs() + 999) / 1000));
            h.put("Via", "1.1 google");
            h.put("X-RateLimit-Scope", scope.header());
            if (scope == Scope.GLOBAL) h.put("X-RateLimit-Global", "true");
        });
        return h;
    }

    /** Discord's 429 body; only meaningful when {@link #limited()}. */
    public Map<String, Object> body() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("message", "You are being rate limited.");
        b.put("retry_after", retryAfterMs() / 1000.0);
        b.put("global", deniedBy.orElse(Scope.USER) == Scope.GLOBAL);
        b.put("code", 0);
        return b;
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).toPlainString();
    }
}
