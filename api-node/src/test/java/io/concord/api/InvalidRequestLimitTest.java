package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.test.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An IP answered 401, 403 or 429 three times in a minute (as configured here) is refused everywhere. */
class InvalidRequestLimitTest {
    private static final RateLimitRedis redis = new RateLimitRedis();
    private static final ManualClock clock = ManualClock.now();
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(156, clock, Map.of("RATE_LIMITS", "on", "INVALID_REQUEST_LIMIT", "3",
                "INVALID_REQUEST_WINDOW_SECONDS", "60"));
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static Accounts.User outsider;
    private static Accounts.Guild guild;

    @BeforeAll
    static void start() throws Exception {
        redis.clear();
        Accounts.User owner = accounts.register();
        outsider = accounts.register();
        guild = accounts.createGuild(owner);
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    @BeforeEach
    void freshWindows() {
        redis.clear();
    }

    private static void assertBanned(Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(429);
        assertThat(r.headers().firstValue("X-RateLimit-Global")).hasValue("true");
        assertThat(r.headers().firstValue("X-RateLimit-Scope")).hasValue("global");
        assertThat(r.json().path("global").asBoolean()).isTrue();
    }

    @Test
    void afterTheLimitOfUnauthorizedAnswersTheIpIsRefusedUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) assertThat(rest.get("/users/@me", "not-a-token").status()).isEqualTo(401);

        Response banned = rest.get("/invites/nosuchcode", null);
        assertBanned(banned);
        assertThat(banned.headers().firstValue("Retry-After")).hasValue("60");
        assertBanned(rest.get("/users/@me", outsider.token()));

        clock.advance(Duration.ofSeconds(60));
        assertThat(rest.get("/users/@me", outsider.token()).status()).isEqualTo(200);
    }

    @Test
    void forbiddenAnswersCountLikeUnauthorizedOnes() {
        String foreign = "/channels/" + guild.generalId() + "/messages";
        assertThat(rest.get(foreign, outsider.token()).status()).isEqualTo(403);
        assertThat(rest.get(foreign, outsider.token()).status()).isEqualTo(403);
        assertThat(rest.get("/users/@me", "not-a-token").status()).isEqualTo(401);

        assertBanned(rest.get("/users/@me", outsider.token()));
    }

    @Test
    void successfulAndNotFoundAnswersDoNotCount() {
        for (int i = 0; i < 5; i++) {
            assertThat(rest.get("/users/@me", outsider.token()).status()).isEqualTo(200);
            assertThat(rest.get("/channels/1234567890123/messages", outsider.token()).status()).isEqualTo(404);
        }
        assertThat(rest.get("/invites/nosuchcode", null).status()).isEqualTo(404);
    }
}
