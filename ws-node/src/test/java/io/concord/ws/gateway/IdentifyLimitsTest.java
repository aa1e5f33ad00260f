package io.concord.ws.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.application.ApplicationFlags;
import io.concord.common.application.ApplicationRepository;
import io.concord.common.application.ApplicationRow;
import io.concord.common.auth.BotTokens;
import io.concord.common.gateway.SessionStarts;
import io.concord.common.store.Postgres;
import io.concord.common.test.TestStack;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.GatewayClient.Closed;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.WsNodeExtension;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** A bot's IDENTIFYs: one per 5 s across nodes ({@code max_concurrency} 1), and none once its session starts are used up. */
class IdentifyLimitsTest {
    private static final int NODE_ID = 789;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();
    private static Postgres postgres;
    private static ApplicationRepository applications;

    @BeforeAll
    static void start() {
        postgres = Postgres.connect(TestStack.stores());
        applications = new ApplicationRepository(postgres.jdbi());
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private record Bot(long id, String token) {}

    private static Bot bot() {
        long owner = world.user("owner");
        long id = world.id();
        applications.create(new ApplicationRow(id, owner, "bot" + id, "", ApplicationFlags.DEFAULT, "00", true, false), "bot" + id);
        String token = BotTokens.generate(id, new SecureRandom());
        applications.replaceTokenHash(id, BotTokens.hash(token));
        return new Bot(id, token);
    }

    private static Map<String, Object> identify(Bot bot, int shard, int shards) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("token", bot.token());
        d.put("properties", Map.of("os", "linux", "browser", "test", "device", "test"));
        d.put("intents", 1);
        d.put("shard", List.of(shard, shards));
        return d;
    }

    @Test
    void aSecondIdentifyOfTheBotWithinFiveSecondsGetsANonResumableInvalidSessionAndMayRetry() throws Exception {
        Bot bot = bot();
        try (GatewayClient first = wsNode.connect(); GatewayClient second = wsNode.connect()) {
            first.identify(bot.token(), 1);
            assertThat(second.next().path("op").asInt()).isEqualTo(10);
            // Another shard of the same bot shares the one bucket: max_concurrency is 1.
            second.send(2, identify(bot, 1, 2));
            JsonNode invalid = second.next();
            assertThat(invalid.path("op").asInt()).isEqualTo(9);
            assertThat(invalid.path("d").asBoolean(true)).isFalse();
            int before = new SessionStarts(world.redis, Clock.systemUTC()).limit(bot.id()).remaining();

            // Once the bucket frees (five seconds on, here: its key gone) the same socket identifies.
            world.redis.del("identify-concurrency:" + bot.id() + ":0");
            second.send(2, identify(bot, 1, 2));
            assertThat(second.nextDispatch("READY").path("d").path("user").path("id").asString()).isEqualTo(Long.toString(bot.id()));
            assertThat(new SessionStarts(world.redis, Clock.systemUTC()).limit(bot.id()).remaining()).isEqualTo(before - 1);
        }
    }

    @Test
    void aBotWithoutSessionStartsLeftCloses4004() throws Exception {
        Bot bot = bot();
        SessionStarts starts = new SessionStarts(world.redis, Clock.systemUTC());
        for (int i = 0; i < SessionStarts.TOTAL; i++) starts.record(bot.id());
        assertThat(starts.limit(bot.id()).remaining()).isZero();
        try (GatewayClient client = wsNode.connect()) {
            assertThat(client.next().path("op").asInt()).isEqualTo(10);
            client.send(2, identify(bot, 0, 1));
            assertThat(client.awaitClose()).isEqualTo(new Closed(4004, "Session start limit reached"));
        }
        // Refused identifies are not counted.
        assertThat(starts.limit(bot.id()).remaining()).isZero();
    }
}
