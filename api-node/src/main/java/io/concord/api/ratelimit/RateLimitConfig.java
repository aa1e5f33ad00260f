package io.concord.api.ratelimit;

import io.concord.common.config.Env;
import java.time.Duration;
import java.util.Locale;
import java.util.List;

/**
 * REST rate-limit settings. {@code scalePercent} multiplies every route limit of {@link RouteLimits}
 * (200 doubles them); the global and invalid-request limits are set directly.
 */
public record RateLimitConfig(
        boolean enabled,
        int scalePercent,
        int globalPerSecond,
        int invalidRequestLimit,
        Duration invalidRequestWindow) {

    /** Reads {@code RATE_LIMITS=on|off} and the numbers; an unknown switch value is added to {@code problems}. */
    public static RateLimitConfig from(Env env, List<String> problems) {
        String raw = env.string("RATE_LIMITS", "on").toLowerCase(Locale.ROOT);
        boolean enabled = switch (raw) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> {
                problems.add("RATE_LIMITS=" + raw + " is invalid: must be on or off");
                yield true;
            }
        };
        return new RateLimitConfig(
                enabled,
                env.integer("RATE_LIMIT_SCALE_PERCENT", 100, 1, 100_000),
                env.integer("RATE_LIMIT_GLOBAL_PER_SECOND", 50, 1, 1_000_000),
                env.integer("INVALID_REQUEST_LIMIT", 10_000, 1, 100_000_000),
                Duration.ofSeconds(env.integer("INVALID_REQUEST_WINDOW_SECONDS", 600, 1, 86_400)));
    }
}
