package io.concord.ws.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.routing.InterestRegistry;
import io.concord.common.routing.NodeRegistry;
import io.concord.ws.WsNode;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.GuildStreamRelay;
import io.concord.ws.support.NodeProcess;
import io.concord.ws.support.Sessions;
import io.concord.ws.support.TestNodes;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A ws-node killed with SIGKILL: once its registration expires, a live node takes its users offline. */
class KilledNodePresenceTest {
    private static final int KILLED_NODE = 791;
    private static final int LIVE_NODE = 792;
    private static final long GUILDS = 1, GUILD_PRESENCES = 1 << 8;
    /** The registration outlives the kill by up to ten seconds; then one reaper scan. Far more is allowed. */
    private static final Duration NOTICED = Duration.ofSeconds(60);

    @Test
    void theUsersOfAKilledNodeGoOfflineForTheSessionsSharingTheirGuilds() throws Exception {
        WebSocketClient ws = new WebSocketClient();
        ws.start();
        try (TestWorld world = new TestWorld(LIVE_NODE);
             WsNode live = TestNodes.start(LIVE_NODE, Map.of("WS_PRESENCE_REAP_INTERVAL_MS", "500"), Clock.systemUTC());
             GuildStreamRelay relay = new GuildStreamRelay();
             NodeProcess doomed = NodeProcess.start(KILLED_NODE, new NodeRegistry(world.redis), Map.of())) {
            long victim = world.user("victim");
            long watcher = world.user("witness");
            TestGuild guild = world.guild(victim, "killed node");
            world.join(guild.id(), watcher);

            try (GatewayClient watching = Sessions.load(ws, live, world, watcher, GUILDS | GUILD_PRESENCES, 1)) {
                GatewayClient onDoomed = GatewayClient.connect(ws, doomed.url());
                onDoomed.identify(world.token(victim), GUILDS);
                assertThat(nextAbout(watching, victim, GatewayClient.WAIT).path("status").asString()).isEqualTo("online");

                doomed.kill();
                JsonNode offline = nextAbout(watching, victim, NOTICED);
                assertThat(offline.path("status").asString()).isEqualTo("offline");
                assertThat(offline.path("guild_id").asString()).isEqualTo(Long.toString(guild.id()));
                // The fanout no longer finds the dead node for the guild or the user.
                InterestRegistry interests = new InterestRegistry(world.redis);
                long deadline = System.nanoTime() + NOTICED.toNanos();
                while (interests.nodesFor(guild.id(), List.of(victim)).contains(KILLED_NODE)) {
                    assertThat(System.nanoTime()).as("the dead node's interests forgotten").isLessThan(deadline);
                    Thread.sleep(100);
                }
                onDoomed.close();
            }
        } finally {
            ws.stop();
        }
    }

    /** The next PRESENCE_UPDATE about {@code user} (the watcher's own is skipped). */
    private static JsonNode nextAbout(GatewayClient client, long user, Duration wait) throws InterruptedException {
        while (true) {
            JsonNode frame = client.next(wait);
            if (frame.path("t").asString().equals("PRESENCE_UPDATE")
                    && frame.path("d").path("user").path("id").asString().equals(Long.toString(user))) {
                return frame.path("d");
            }
        }
    }
}
