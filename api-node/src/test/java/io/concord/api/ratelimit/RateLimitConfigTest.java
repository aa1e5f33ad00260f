package io.concord.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.config.Env;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitConfigTest {
    private static RateLimitConfig read(Map<String, String> env, List<String> problems) {
        Env e = new Env(env);
        RateLimitConfig config = RateLimitConfig.from(e, problems);
        e.validate();
        return config;
    }

    @Test
    void productionDefaultsAreDiscords() {
        RateLimitConfig c = read(Map.of(), new ArrayList<>());
        assertThat(c.enabled()).isTrue();
        assertThat(c.scalePercent()).isEqualTo(100);
        assertThat(c.globalPerSecond()).isEqualTo(50);
        assertThat(c.invalidRequestLimit()).isEqualTo(10_000);
        assertThat(c.invalidRequestWindow()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void everySettingComesFromTheEnvironment() {
        RateLimitConfig c = read(Map.of("RATE_LIMITS", "off", "RATE_LIMIT_SCALE_PERCENT", "250", "RATE_LIMIT_GLOBAL_PER_SECOND", "7",
                "INVALID_REQUEST_LIMIT", "3", "INVALID_REQUEST_WINDOW_SECONDS", "60"), new ArrayList<>());
        assertThat(c).isEqualTo(new RateLimitConfig(false, 250, 7, 3, Duration.ofSeconds(60)));
    }

    @Test
    void anUnknownSwitchValueIsAProblem() {
        List<String> problems = new ArrayList<>();
        read(Map.of("RATE_LIMITS", "maybe"), problems);
        assertThat(problems).containsExactly("RATE_LIMITS=maybe is invalid: must be on or off");
    }
}
