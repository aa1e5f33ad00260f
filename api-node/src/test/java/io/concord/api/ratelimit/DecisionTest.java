package io.concord.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.ratelimit.Decision.Scope;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecisionTest {
    private static final Limit LIMIT = Limit.perCaller("message_create", 5, Duration.ofSeconds(5));
    private static final long NOW = 1_763_680_000_123L;

    @Test
    void anAdmittedRequestCarriesTheBucketHeadersOnly() {
        var h = Decision.allowed(LIMIT, 2, NOW + 4_500, NOW).headers();
        assertThat(h).containsEntry("X-RateLimit-Limit", "5")
                .containsEntry("X-RateLimit-Remaining", "3")
                .containsEntry("X-RateLimit-Reset", "1763680004.623")
                .containsEntry("X-RateLimit-Reset-After", "4.500")
                .containsEntry("X-RateLimit-Bucket", LIMIT.hash())
                .doesNotContainKeys("Retry-After", "Via", "X-RateLimit-Scope", "X-RateLimit-Global");
    }

    @Test
    void retryAfterIsRoundedUpToWholeSeconds() {
        assertThat(Decision.denied(LIMIT, 5, NOW + 250, NOW, Scope.USER, NOW + 250).headers()).containsEntry("Retry-After", "1");
        assertThat(Decision.denied(LIMIT, 5, NOW + 1_001, NOW, Scope.USER, NOW + 1_001).headers()).containsEntry("Retry-After", "2");
        assertThat(Decision.denied(LIMIT, 5, NOW + 2_000, NOW, Scope.USER, NOW + 2_000).headers()).containsEntry("Retry-After", "2");
    }

    @Test
    void onlyAGlobalRefusalSaysGlobal() {
        Decision user = Decision.denied(LIMIT, 5, NOW + 250, NOW, Scope.USER, NOW + 250);
        Decision shared = Decision.denied(LIMIT, 5, NOW + 250, NOW, Scope.SHARED, NOW + 250);
        Decision global = Decision.denied(LIMIT, 1, NOW + 4_000, NOW, Scope.GLOBAL, NOW + 600);
        assertThat(user.headers()).containsEntry("X-RateLimit-Scope", "user").doesNotContainKey("X-RateLimit-Global");
        assertThat(shared.headers()).containsEntry("X-RateLimit-Scope", "shared").doesNotContainKey("X-RateLimit-Global");
        assertThat(global.headers()).containsEntry("X-RateLimit-Scope", "global").containsEntry("X-RateLimit-Global", "true")
                .containsEntry("Retry-After", "1").containsEntry("Via", "1.1 google");
        assertThat(user.body()).containsEntry("global", false);
        assertThat(global.body()).containsEntry("global", true).containsEntry("retry_after", 0.6)
                .containsEntry("message", "You are being rate limited.").containsEntry("code", 0);
    }

    @Test
    void anUncheckedDecisionAddsNothing() {
        assertThat(Decision.unchecked().headers()).isEmpty();
        assertThat(Decision.unchecked().limited()).isFalse();
    }
}
