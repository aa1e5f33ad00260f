package io.concord.ws.lazy;

import static io.concord.ws.lazy.LargeGuildFixture.nextListUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.presence.Status;
import io.concord.ws.support.AccessEdits;
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

/** In a large guild a presence change reaches the user sessions whose member-list window shows the member (and bots asking for presences). */
class PresenceWindowTest {
    private static final int NODE_ID = 804;
    private static final long GUILDS = 1, GUILD_PRESENCES = 1 << 8;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID,
            Map.of("LARGE_GUILD_MEMBERS", "5", "MEMBER_LIST_FLUSH_INTERVAL_MS", "50"), Clock.systemUTC());
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
    void onlySessionsWhoseWindowShowsTheMemberGetItsPresence() throws Exception {
        long owner = world.user("window-owner");
        TestGuild guild = world.guild(owner, "Windows");
        long g = guild.id();
        List<Long> m = fx.populate(guild, "window", 6);
        long subject = m.get(0);
        LargeGuildFixture.Bot bot = fx.bot("window-bot");
        world.join(g, bot.id());

        try (GatewayClient showing = wsNode.load(m.get(1), null, 1);
             GatewayClient farAway = wsNode.load(m.get(2), null, 1);
             GatewayClient passive = wsNode.load(m.get(3), null, 1);
             GatewayClient botClient = wsNode.connect()) {
            botClient.identify(bot.token(), GUILDS | GUILD_PRESENCES);
            botClient.nextDispatch("GUILD_CREATE");
            LargeGuildFixture.subscribe(showing, g, guild.channelId(), List.<int[]>of(new int[] {0, 99}));
            nextListUpdate(showing);
            // A window past the end of the list shows nobody.
            LargeGuildFixture.subscribe(farAway, g, guild.channelId(), List.<int[]>of(new int[] {100, 199}));
            assertThat(nextListUpdate(farAway).path("ops").get(0).path("items").size()).isZero();

            fx.presence(g, subject, Status.IDLE);

            JsonNode presence = nextPresence(showing);
            assertThat(presence.path("user").path("id").asString()).isEqualTo(Long.toString(subject));
            assertThat(presence.path("status").asString()).isEqualTo("idle");
            assertThat(nextPresence(botClient).path("user").path("id").asString()).isEqualTo(Long.toString(subject));
            // Routed and flushed by now: the others got nothing for it.
            world.publish(NODE_ID, AccessEdits.marker("after", m.get(2), m.get(3)));
            assertThat(farAway.next().path("t").asString()).isEqualTo("USER_UPDATE");
            assertThat(passive.next().path("t").asString()).isEqualTo("USER_UPDATE");
        }
    }

    /** The next PRESENCE_UPDATE about someone other than the sessions of this test (they come online as they connect). */
    private static JsonNode nextPresence(GatewayClient client) throws InterruptedException {
        while (true) {
            JsonNode f = client.next();
            if (f.path("t").asString().equals("PRESENCE_UPDATE")) return f.path("d");
        }
    }
}
