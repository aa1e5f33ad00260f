package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.test.ManualClock;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The X-RateLimit-* headers on answers that were not refused, on a node whose clock stands still. */
class RateLimitHeadersTest {
    private static final RateLimitRedis redis = new RateLimitRedis();
    private static final ManualClock clock = ManualClock.now();
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(150, clock, Map.of("RATE_LIMITS", "on"));
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static Accounts.User owner;
    private static Accounts.Guild guild;

    @BeforeAll
    static void start() throws Exception {
        redis.clear();
        owner = accounts.register();
        guild = accounts.createGuild(owner);
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    private static String newChannel() {
        Response r = rest.post("/guilds/" + guild.id() + "/channels", owner.token(), Map.of("name", "c-" + Accounts.uniqueName()));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().path("id").asString();
    }

    private static String header(Response r, String name) {
        return r.headers().firstValue(name).orElseThrow(() -> new AssertionError(name + " missing on " + r + " " + r.headers()));
    }

    @Test
    void successfulMessageSendsCountDownRemainingAndNameTheWindowsEnd() {
        String channel = newChannel();
        long opened = clock.millis();
        for (int i = 0; i < 3; i++) {
            Response r = accounts.send(owner, channel, "hello " + i);
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertThat(header(r, "X-RateLimit-Limit")).isEqualTo("5");
            assertThat(header(r, "X-RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
            assertThat(header(r, "X-RateLimit-Reset")).isEqualTo(BigDecimal.valueOf(opened + 5_000, 3).toPlainString());
            assertThat(header(r, "X-RateLimit-Reset-After")).isEqualTo("5.000");
            assertThat(header(r, "X-RateLimit-Bucket")).matches("[0-9a-f]{32}");
            assertThat(r.headers().firstValue("Retry-After")).isEmpty();
            assertThat(r.headers().firstValue("X-RateLimit-Global")).isEmpty();
            assertThat(r.headers().firstValue("X-RateLimit-Scope")).isEmpty();
        }
    }

    @Test
    void twoChannelsShareTheBucketHashButCountApart() {
        String a = newChannel();
        String b = newChannel();
        Response lastOnA = null;
        for (int i = 0; i < 5; i++) lastOnA = accounts.send(owner, a, "a" + i);
        assertThat(header(lastOnA, "X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(accounts.send(owner, a, "a5").status()).isEqualTo(429);

        Response onB = accounts.send(owner, b, "b0");
        assertThat(onB.status()).as("%s", onB).isEqualTo(200);
        assertThat(header(onB, "X-RateLimit-Remaining")).isEqualTo("4");
        assertThat(header(onB, "X-RateLimit-Bucket")).isEqualTo(header(lastOnA, "X-RateLimit-Bucket"));
    }

    @Test
    void differentRoutesOnOneChannelHaveDifferentBuckets() {
        String channel = newChannel();
        Response send = accounts.send(owner, channel, "one");
        Response history = rest.get("/channels/" + channel + "/messages", owner.token());
        assertThat(history.status()).isEqualTo(200);
        assertThat(header(history, "X-RateLimit-Bucket")).isNotEqualTo(header(send, "X-RateLimit-Bucket"));
        assertThat(header(history, "X-RateLimit-Limit")).isEqualTo("50");
        assertThat(header(history, "X-RateLimit-Remaining")).isEqualTo("49");
    }

    @Test
    void errorAnswersOfALimitedRouteCarryTheHeadersAndCount() {
        String channel = newChannel();
        Response empty = rest.post("/channels/" + channel + "/messages", owner.token(), Map.of("content", ""));
        assertThat(empty.status()).as("%s", empty).isEqualTo(400);
        assertThat(header(empty, "X-RateLimit-Remaining")).isEqualTo("4");

        Response unknown = rest.post("/channels/1234567890123/messages", owner.token(), Map.of("content", "x"));
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(404);
        assertThat(header(unknown, "X-RateLimit-Bucket")).isEqualTo(header(empty, "X-RateLimit-Bucket"));
        assertThat(header(unknown, "X-RateLimit-Remaining")).isEqualTo("4");

        Response sent = accounts.send(owner, channel, "after the error");
        assertThat(header(sent, "X-RateLimit-Remaining")).isEqualTo("3");
    }

    @Test
    void aNodeStartedForOtherTestsSendsNoRateLimitHeaders() throws Exception {
        try (ApiNode off = TestApiNode.start(151)) {
            RestClient plain = new RestClient(off.baseUrl());
            Response r = plain.get("/users/@me", owner.token());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-RateLimit-Bucket")).isEmpty();
            assertThat(r.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
        }
    }
}
