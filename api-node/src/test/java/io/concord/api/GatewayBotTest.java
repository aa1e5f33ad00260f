package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.Bots.Bot;
import io.concord.api.RestClient.Response;
import io.concord.common.gateway.SessionStarts;
import io.concord.common.routing.NodeRegistry;
import io.concord.common.routing.NodeRegistry.WsNode;
import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** {@code GET /gateway/bot}: bots only, with the identify budget the ws-nodes count in Redis. */
class GatewayBotTest {
    // Far above the ids local stacks and the ws-node tests give their nodes (GatewayUrlTest uses 1001-1003).
    private static final int FAKE_NODE = 1144;
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(144);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final Bots bots = api.bots();
    private static RedisClient redis;
    private static NodeRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        redis = Redis.connect(TestStack.stores());
        registry = new NodeRegistry(redis);
        registry.announce(new WsNode(FAKE_NODE, "ws://fake-" + UUID.randomUUID() + ".test", 0, 10, false), 60_000);
    }

    @AfterAll
    static void stop() throws Exception {
        registry.withdraw(FAKE_NODE);
        redis.close();
    }

    @Test
    void aFreshBotHasItsWholeBudget() {
        Bot bot = bots.create(accounts.register(), "Budget " + Accounts.uniqueName());

        Response r = rest.get("/gateway/bot", bot.token());

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("url").asString()).startsWith("ws");
        assertThat(r.json().path("shards").asInt()).isEqualTo(1);
        var limit = r.json().path("session_start_limit");
        assertThat(limit.path("total").asInt()).isEqualTo(1000);
        assertThat(limit.path("remaining").asInt()).isEqualTo(1000);
        assertThat(limit.path("reset_after").asLong()).isZero();
        assertThat(limit.path("max_concurrency").asInt()).isEqualTo(1);
    }

    @Test
    void identifiesCountedByAnyNodeLowerTheRemainingBudgetForADay() {
        Bot bot = bots.create(accounts.register(), "Counted " + Accounts.uniqueName());
        SessionStarts starts = new SessionStarts(redis, Clock.systemUTC());
        starts.record(Long.parseLong(bot.userId()));
        starts.record(Long.parseLong(bot.userId()));

        var limit = rest.get("/gateway/bot", bot.token()).json().path("session_start_limit");

        assertThat(limit.path("remaining").asInt()).isEqualTo(998);
        assertThat(limit.path("reset_after").asLong()).isPositive().isLessThanOrEqualTo(Duration.ofHours(24).toMillis());
    }

    @Test
    void startsOlderThanADayNoLongerCount() {
        Bot bot = bots.create(accounts.register(), "Aged " + Accounts.uniqueName());
        Clock yesterday = Clock.offset(Clock.systemUTC(), Duration.ofHours(-25));
        new SessionStarts(redis, yesterday).record(Long.parseLong(bot.userId()));

        var limit = rest.get("/gateway/bot", bot.token()).json().path("session_start_limit");

        assertThat(limit.path("remaining").asInt()).isEqualTo(1000);
    }

    @Test
    void userTokensAreRefusedAsDiscordRefusesThem() {
        assertError(rest.get("/gateway/bot", accounts.register().token()), 401, 0, "401: Unauthorized");
        assertError(rest.get("/gateway/bot", null), 401, 0, "401: Unauthorized");
    }
}
