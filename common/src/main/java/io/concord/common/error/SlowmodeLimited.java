package io.concord.common.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A send refused by a channel's slowmode ({@code rate_limit_per_user}): Discord's 429 with code
 * 20016 and how long to wait, with the headers JDA reads on any 429 (a 429 without {@code Via}
 * would be taken for Cloudflare's and stall every route).
 */
public final class SlowmodeLimited extends ApiException {
    private final long retryAfterMs;

    public SlowmodeLimited(long retryAfterMs) {
        super(429, 20016, "This action cannot be performed due to slowmode rate limit.");
        this.retryAfterMs = Math.max(1, retryAfterMs);
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }

    @Override
    public Map<String, Object> extraFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("retry_after", retryAfterMs / 1000.0);
        fields.put("global", false);
        return fields;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString((retryAfterMs + 999) / 1000), "Via", "1.1 google", "X-RateLimit-Scope", "user");
    }
}
