package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.test.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The global limit over HTTP, here 3 requests per second: per IP for unauthenticated callers, none
 * for users. The per-bot limit is exercised with a bot principal in {@code RedisRateLimiterTest},
 * since bot tokens come from another part of the system.
 */
class GlobalRateLimitTest {
    private static final RateLimitRedis redis = new RateLimitRedis();
    private static final ManualClock clock = ManualClock.now();
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(155, clock, Map.of("RATE_LIMITS", "on", "RATE_LIMIT_GLOBAL_PER_SECOND", "3"));
    private static final RestClient rest = api.rest();

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    @BeforeEach
    void freshWindows() {
        redis.clear();
    }

    @Test
    void unauthenticatedCallsFromOneIpShareOneGlobalWindowAcrossRoutes() {
        assertThat(rest.get("/invites/nosuchcode", null).status()).isEqualTo(404);
        assertThat(rest.get("/invites/othercode", null).status()).isEqualTo(404);
        assertThat(rest.post("/auth/login", null, Map.of("login", "nobody@example.com", "password", "wrong password")).status())
                .isEqualTo(400);

        Response refused = rest.get("/invites/thirdcode", null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().firstValue("X-RateLimit-Global")).hasValue("true");
        assertThat(refused.headers().firstValue("X-RateLimit-Scope")).hasValue("global");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("Via")).hasValue("1.1 google");
        assertThat(refused.json().path("global").asBoolean()).isTrue();
        assertThat(refused.json().path("retry_after").asDouble()).isEqualTo(1.0);
        assertThat(refused.json().path("code").asInt(-1)).isEqualTo(0);

        clock.advance(Duration.ofSeconds(1));
        assertThat(rest.get("/invites/thirdcode", null).status()).isEqualTo(404);
    }

    @Test
    void usersAreNotHeldToTheGlobalLimit() {
        Accounts.User user = new Accounts(rest).register();
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 6; i++) {
            Response r = rest.get(i % 2 == 0 ? "/users/@me" : "/users/@me/guilds", user.token());
            assertThat(r.status()).as("request %d: %s", i, r).isEqualTo(200);
        }
    }
}
