package io.concord.ws.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.presence.Status;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Past LARGE_GUILD_MEMBERS, GUILD_CREATE says {@code large: true} and lists the caller and the online members only. */
class LargeGuildCreateTest {
    private static final int NODE_ID = 801;
    private static final long GUILDS = 1, GUILD_PRESENCES = 1 << 8;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID, Map.of("LARGE_GUILD_MEMBERS", "5"), Clock.systemUTC());
    private static final TestWorld world = wsNode.world();
    private static LargeGuildFixture fx;

    @BeforeAll
    static void start() {
        fx = new LargeGuildFixture(world, NODE_ID);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void aLargeGuildListsTheCallerAndTheOnlineMembersWithTheirPresences() throws Exception {
        long owner = world.user("create-owner");
        TestGuild guild = world.guild(owner, "Large create");
        List<Long> m = fx.populate(guild, "creator", 6);
        fx.presence(guild.id(), m.get(0), Status.ONLINE);
        fx.presence(guild.id(), m.get(1), Status.DND);
        fx.presence(guild.id(), m.get(2), Status.INVISIBLE);
        LargeGuildFixture.Bot bot = fx.bot("create-bot");
        world.join(guild.id(), bot.id());
        // A second bot: one bot may identify once per 5 s (max_concurrency 1).
        LargeGuildFixture.Bot watcher = fx.bot("create-watcher");
        world.join(guild.id(), watcher.id());

        try (GatewayClient user = wsNode.connect()) {
            user.identify(world.token(m.get(5)), null);
            JsonNode d = user.nextDispatch("GUILD_CREATE").path("d");
            assertThat(d.path("large").asBoolean()).isTrue();
            assertThat(d.path("member_count").asInt()).isEqualTo(9);
            assertThat(d.path("members").findValuesAsString("id")).containsExactlyInAnyOrder(
                    Long.toString(m.get(0)), Long.toString(m.get(1)), Long.toString(m.get(5)));
            assertThat(statuses(d)).containsExactlyInAnyOrder(m.get(0) + ":online", m.get(1) + ":dnd");
        }
        try (GatewayClient botClient = wsNode.connect()) {
            botClient.identify(bot.token(), GUILDS);
            JsonNode d = botClient.nextDispatch("GUILD_CREATE").path("d");
            assertThat(d.path("large").asBoolean()).isTrue();
            assertThat(d.path("members").findValuesAsString("id")).containsExactlyInAnyOrder(
                    Long.toString(m.get(0)), Long.toString(m.get(1)), Long.toString(bot.id()));
            assertThat(d.path("presences").size()).as("no presences without GUILD_PRESENCES").isZero();
        }
        try (GatewayClient botClient = wsNode.connect()) {
            botClient.identify(watcher.token(), GUILDS | GUILD_PRESENCES);
            // The first bot's presence may still show as its session closes.
            assertThat(statuses(botClient.nextDispatch("GUILD_CREATE").path("d")).stream().filter(p -> !p.startsWith(bot.id() + ":")))
                    .containsExactlyInAnyOrder(m.get(0) + ":online", m.get(1) + ":dnd");
        }
    }

    @Test
    void withItsMemberListHeldANewSessionGetsTheOnlineMembersAsTheListFollowedThem() throws Exception {
        long owner = world.user("held-owner");
        TestGuild guild = world.guild(owner, "Large held");
        long g = guild.id();
        List<Long> m = fx.populate(guild, "held", 6);
        fx.presence(g, m.get(0), Status.ONLINE);
        try (GatewayClient showing = wsNode.load(m.get(5), null, 1)) {
            // The subscription makes this node hold the guild's member list.
            LargeGuildFixture.subscribe(showing, g, guild.channelId(), List.<int[]>of(new int[] {0, 99}));
            LargeGuildFixture.nextListUpdate(showing);
            fx.presence(g, m.get(1), Status.IDLE);
            fx.presence(g, m.get(0), Status.OFFLINE);
            // The list has followed both once the window shows the second.
            while (true) {
                JsonNode f = showing.next();
                if (f.path("t").asString().equals("PRESENCE_UPDATE") && f.path("d").path("user").path("id").asString().equals(Long.toString(m.get(0)))
                        && f.path("d").path("status").asString().equals("offline")) break;
            }
            try (GatewayClient user = wsNode.connect()) {
                user.identify(world.token(m.get(4)), null);
                JsonNode d = user.nextDispatch("GUILD_CREATE").path("d");
                assertThat(d.path("large").asBoolean()).isTrue();
                assertThat(d.path("members").findValuesAsString("id")).containsExactlyInAnyOrder(
                        Long.toString(m.get(1)), Long.toString(m.get(4)), Long.toString(m.get(5)));
            }
        }
    }

    @Test
    void aGuildAtTheLimitListsItsMembersUpToTheLargeThresholdAsBefore() throws Exception {
        long owner = world.user("small-create-owner");
        TestGuild guild = world.guild(owner, "Small create");
        List<Long> m = fx.populate(guild, "small-creator", 4);
        try (GatewayClient client = wsNode.load(m.get(0), null, 0)) {
            JsonNode d = client.nextDispatch("GUILD_CREATE").path("d");
            assertThat(d.path("large").asBoolean()).isFalse();
            assertThat(d.path("members").size()).isEqualTo(5);
        }
    }

    private static List<String> statuses(JsonNode create) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode p : create.path("presences")) out.add(p.path("user").path("id").asString() + ":" + p.path("status").asString());
        return out;
    }
}
