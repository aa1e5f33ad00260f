package io.concord.api.ratelimit;

import io.concord.common.auth.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The REST edge's view of rate limiting: admit a matched request, then learn how it was answered. */
public interface RateLimiter {
    RateLimiter OFF = new RateLimiter() {
        @Override
        public Decision admit(String method, List<String> template, Map<String, String> params, Optional<Principal> principal, String clientIp) {
            return Decision.unchecked();
        }

        @Override
        public void answered(int status, Decision decision, String clientIp) {}
    };

    /**
     * Counts the request against its route bucket (and the global limit) unless that would exceed a
     * limit; a refused request counts nowhere and must not run.
     */
    Decision admit(String method, List<String> template, Map<String, String> params, Optional<Principal> principal, String clientIp);

    /** Counts 401, 403 and non-shared 429 answers against the client IP's invalid-request limit. */
    void answered(int status, Decision decision, String clientIp);
}
