package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.test.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Refusals of the message-send bucket (5 per 5 s per channel per caller), on a clock the test moves. */
class RateLimitTest {
    private static final RateLimitRedis redis = new RateLimitRedis();
    private static final ManualClock clock = ManualClock.now();
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(152, clock, Map.of("RATE_LIMITS", "on"));
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static Accounts.User owner;
    private static Accounts.User member;
    private static Accounts.Guild guild;

    @BeforeAll
    static void start() throws Exception {
        redis.clear();
        Accounts.GuildWithMember g = accounts.guildWithMember();
        owner = g.owner();
        member = g.member();
        guild = g.guild();
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    /** Every test starts in fresh windows, whatever the previous one left. */
    @BeforeEach
    void freshWindows() {
        clock.advance(Duration.ofMinutes(1));
    }

    private static String newChannel() {
        Response r = rest.post("/guilds/" + guild.id() + "/channels", owner.token(), Map.of("name", "c-" + Accounts.uniqueName()));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().path("id").asString();
    }

    private static String header(Response r, String name) {
        return r.headers().firstValue(name).orElseThrow(() -> new AssertionError(name + " missing on " + r + " " + r.headers()));
    }

    private static List<String> history(String channel) {
        Response r = rest.get("/channels/" + channel + "/messages", owner.token());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<String> contents = new ArrayList<>();
        for (JsonNode m : r.json()) contents.add(m.path("content").asString());
        return contents;
    }

    private static void sendFive(Accounts.User author, String channel) {
        for (int i = 0; i < 5; i++) assertThat(accounts.send(author, channel, "m" + i).status()).isEqualTo(200);
    }

    @Test
    void theSixthMessageIsRefusedWithDiscordsHeadersAndBodyAndIsNotCreated() {
        String channel = newChannel();
        sendFive(owner, channel);
        Response sixth = accounts.send(owner, channel, "m5");

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(header(sixth, "Retry-After")).isEqualTo("5");
        assertThat(header(sixth, "Via")).isEqualTo("1.1 google");
        assertThat(header(sixth, "X-RateLimit-Scope")).isEqualTo("user");
        assertThat(sixth.headers().firstValue("X-RateLimit-Global")).isEmpty();
        assertThat(header(sixth, "X-RateLimit-Limit")).isEqualTo("5");
        assertThat(header(sixth, "X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(header(sixth, "X-RateLimit-Reset-After")).isEqualTo("5.000");
        assertThat(header(sixth, "X-RateLimit-Bucket")).matches("[0-9a-f]{32}");
        assertThat(sixth.json().path("message").asString()).isEqualTo("You are being rate limited.");
        assertThat(sixth.json().path("retry_after").isFloatingPointNumber()).as("%s", sixth).isTrue();
        assertThat(sixth.json().path("retry_after").asDouble()).isEqualTo(5.0);
        assertThat(sixth.json().path("global").isBoolean()).isTrue();
        assertThat(sixth.json().path("global").asBoolean()).isFalse();
        assertThat(sixth.json().path("code").asInt(-1)).isEqualTo(0);

        assertThat(history(channel)).containsExactly("m4", "m3", "m2", "m1", "m0");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpWhileTheBodyKeepsTheFraction() {
        String channel = newChannel();
        sendFive(owner, channel);
        clock.advance(Duration.ofMillis(1_750));
        Response refused = accounts.send(owner, channel, "too soon");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(header(refused, "Retry-After")).isEqualTo("4");
        assertThat(refused.json().path("retry_after").asDouble()).isEqualTo(3.25);
        assertThat(header(refused, "X-RateLimit-Reset-After")).isEqualTo("3.250");
    }

    @Test
    void refusalsDoNotExtendTheWindowAndItsEndAdmitsAgain() {
        String channel = newChannel();
        sendFive(owner, channel);
        for (int i = 0; i < 3; i++) assertThat(accounts.send(owner, channel, "refused " + i).status()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(5));

        Response again = accounts.send(owner, channel, "after the window");
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(header(again, "X-RateLimit-Remaining")).isEqualTo("4");
        assertThat(header(again, "X-RateLimit-Reset-After")).isEqualTo("5.000");
        assertThat(history(channel)).hasSize(6).doesNotContain("refused 0", "refused 1", "refused 2");
    }

    @Test
    void anotherCallerInTheSameChannelIsNotLimitedByTheFirst() {
        String channel = guild.generalId();
        sendFive(owner, channel);
        assertThat(accounts.send(owner, channel, "refused").status()).isEqualTo(429);

        Response other = accounts.send(member, channel, "still allowed");
        assertThat(other.status()).as("%s", other).isEqualTo(200);
        assertThat(header(other, "X-RateLimit-Remaining")).isEqualTo("4");
    }

    @Test
    void windowKeysInRedisExpireShortlyAfterTheirWindow() {
        String channel = newChannel();
        Response sent = accounts.send(owner, channel, "one");
        String prefix = "ratelimit:bucket:" + header(sent, "X-RateLimit-Bucket") + ":channel:" + channel + ":";
        String key = prefix + "user:" + owner.id();

        assertThat(redis.keys()).contains(key);
        assertThat(redis.pttl(key)).isBetween(1L, 15_000L);
        for (String k : redis.keys()) assertThat(redis.pttl(k)).as("ttl of %s", k).isPositive();
    }
}
