package io.concord.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Concord's REST rate limits (Discord's: {@code X-RateLimit-*} headers, 429 with {@code Retry-After}),
 * seen from a scenario. A 429 is neither hidden nor taken for an ordinary failure: the request is KO
 * with the message {@code 429 rate limited (Retry-After)} in the report's error table, it is counted
 * here by request and {@code X-RateLimit-Scope}, and {@link #report()} (every simulation's
 * {@code after()}) prints the count and how to lift the limits for a load test. {@link #honour} makes
 * the virtual user wait {@code Retry-After} before its next request, as a Discord client does.
 */
final class RateLimits {
    static final String KO_NAME = "429 rate limited (Retry-After)";
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private RateLimits() {}

    /** The request with its status checked against {@code expected}, a 429 named as such, and the limit headers saved. */
    static HttpRequestActionBuilder checked(HttpRequestActionBuilder request, Integer... expected) {
        // Gatling runs status checks before header checks: the status check lets a 429 through so that
        // the Retry-After check is the one that fails it, under its own name.
        Integer[] expectedOr429 = Arrays.copyOf(expected, expected.length + 1);
        expectedOr429[expected.length] = 429;
        return request.check(
                status().saveAs("status"),
                header("Retry-After").optional().saveAs("retryAfter"),
                header("X-RateLimit-Scope").optional().saveAs("rateLimitScope"),
                status().in(expectedOr429).name("status " + Arrays.toString(expected)),
                header("Retry-After").notExists().name(KO_NAME));
    }

    /** Counts the last response if it was a 429 (put it right after a {@link #checked} request). */
    static ChainBuilder tally(String requestName) {
        return exec(s -> {
            if (s.contains("status") && s.getInt("status") == 429) {
                String scope = s.contains("rateLimitScope") ? s.getString("rateLimitScope") : "?";
                COUNTS.computeIfAbsent(requestName + " (scope " + scope + ")", k -> new LongAdder()).increment();
            }
            return s.remove("status").remove("retryAfter").remove("rateLimitScope");
        });
    }

    /** {@link #tally}, then waits {@code Retry-After} seconds when the response was a 429. */
    static ChainBuilder honour(String requestName) {
        return exec(s -> s.set("retryAfterPause", s.contains("status") && s.getInt("status") == 429 && s.contains("retryAfter")
                        ? Duration.ofMillis((long) (Double.parseDouble(s.getString("retryAfter")) * 1000)) : Duration.ZERO))
                .exec(tally(requestName))
                .pause(s -> s.get("retryAfterPause"));
    }

    static long total() {
        return COUNTS.values().stream().mapToLong(LongAdder::sum).sum();
    }

    static void report() {
        long total = total();
        if (total == 0) {
            System.out.println("==> Rate limits: no 429 answer during the run.");
            return;
        }
        System.out.println("==> Rate limits: " + total + " requests were answered 429 (KO as \"" + KO_NAME + "\"):");
        new TreeMap<>(COUNTS).forEach((k, v) -> System.out.println("      " + v.sum() + "  " + k));
        System.out.println("    Concord enforced its Discord rate limits (docs/operator-guide.md, \"REST rate limits\"): the load asked");
        System.out.println("    for more per user and route than they allow. Lower the per-user rate (more users, fewer requests each),");
        System.out.println("    or start the api-node with RATE_LIMIT_SCALE_PERCENT=<n> (e.g. 1000) or RATE_LIMITS=off for a load test.");
    }
}
