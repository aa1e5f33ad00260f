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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Bots identify with their raw token; READY names their application, and privileged intents need its flags. */
class BotIdentifyTest {
    private static final int NODE_ID = 740;
    private static final long GUILDS = 1L;
    private static final long GUILD_MESSAGES = 1L << 9;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();
    private static Postgres postgres;
    private static ApplicationRepository applications;

    @BeforeAll
    static void start() throws Exception {
        postgres = Postgres.connect(TestStack.stores());
        applications = new ApplicationRepository(postgres.jdbi());
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private record Bot(long id, String token) {}

    /** An application whose bot has a current token, written as the api-node writes it. */
    private static Bot bot(int flags) {
        long owner = world.user("owner");
        long id = world.id();
        applications.create(new ApplicationRow(id, owner, "bot" + id, "", flags, "00", true, false), "bot" + id);
        String token = BotTokens.generate(id, new SecureRandom());
        applications.replaceTokenHash(id, BotTokens.hash(token));
        return new Bot(id, token);
    }

    @Test
    void aBotIdentifiesWithItsRawTokenAndReadyNamesItsApplication() throws Exception {
        Bot bot = bot(ApplicationFlags.DEFAULT);
        var guild = world.guild(world.user("guild-owner"), "with a bot");
        world.join(guild.id(), bot.id());
        int before = new SessionStarts(world.redis, Clock.systemUTC()).limit(bot.id()).remaining();

        try (GatewayClient client = wsNode.connect()) {
            JsonNode ready = client.identify(bot.token(), GUILDS | GUILD_MESSAGES | ApplicationFlags.INTENT_MESSAGE_CONTENT
                    | ApplicationFlags.INTENT_GUILD_MEMBERS | ApplicationFlags.INTENT_GUILD_PRESENCES).path("d");

            assertThat(ready.path("user").path("id").asString()).isEqualTo(Long.toString(bot.id()));
            assertThat(ready.path("user").path("bot").asBoolean()).isTrue();
            assertThat(ready.path("application").path("id").asString()).isEqualTo(Long.toString(bot.id()));
            assertThat(ready.path("application").path("flags").asInt()).isEqualTo(ApplicationFlags.DEFAULT);
            assertThat(ready.path("guilds").findValuesAsString("id")).containsExactly(Long.toString(guild.id()));
            assertThat(client.nextDispatch("GUILD_CREATE").path("d").path("id").asString()).isEqualTo(Long.toString(guild.id()));
        }
        assertThat(new SessionStarts(world.redis, Clock.systemUTC()).limit(bot.id()).remaining()).isEqualTo(before - 1);
    }

    @Test
    void aPrivilegedIntentTheApplicationLacksCloses4014() throws Exception {
        Bot bot = bot(ApplicationFlags.GATEWAY_GUILD_MEMBERS_LIMITED);
        for (long intent : new long[] {ApplicationFlags.INTENT_MESSAGE_CONTENT, ApplicationFlags.INTENT_GUILD_PRESENCES}) {
            try (GatewayClient client = wsNode.connect()) {
                assertThat(client.next().path("op").asInt()).isEqualTo(10);
                client.send(2, java.util.Map.of("token", bot.token(), "intents", GUILDS | intent,
                        "properties", java.util.Map.of("os", "linux", "browser", "test", "device", "test")));
                assertThat(client.awaitClose()).as("intent %d", intent).isEqualTo(new Closed(4014, "Disallowed intent(s)"));
            }
        }
        try (GatewayClient client = wsNode.connect()) {
            JsonNode ready = client.identify(bot.token(), GUILDS | ApplicationFlags.INTENT_GUILD_MEMBERS);
            assertThat(ready.path("d").path("application").path("id").asString()).isEqualTo(Long.toString(bot.id()));
        }
    }

    @Test
    void userSessionsIgnoreApplicationFlagsAndCarryNoApplication() throws Exception {
        try (GatewayClient client = wsNode.connect()) {
            JsonNode ready = client.identify(world.token(world.user("person")), GUILDS | ApplicationFlags.INTENT_MESSAGE_CONTENT);
            assertThat(ready.path("d").has("application")).isFalse();
        }
    }

    @Test
    void aWrongOrReplacedBotTokenCloses4004() throws Exception {
        Bot bot = bot(ApplicationFlags.DEFAULT);
        String fresh = BotTokens.generate(bot.id(), new SecureRandom());
        applications.replaceTokenHash(bot.id(), BotTokens.hash(fresh));
        // The api-node also marks the old hash revoked in Redis; without that the database alone must refuse it.
        try (GatewayClient client = wsNode.connect()) {
            assertThat(client.next().path("op").asInt()).isEqualTo(10);
            client.send(2, java.util.Map.of("token", bot.token(), "intents", GUILDS,
                    "properties", java.util.Map.of("os", "linux", "browser", "test", "device", "test")));
            assertThat(client.awaitClose().code()).isEqualTo(4004);
        }
    }
}
