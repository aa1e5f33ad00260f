package io.concord.ws.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.WsNode;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.GuildStreamRelay;
import io.concord.common.test.ManualClock;
import io.concord.ws.support.Sessions;
import io.concord.ws.support.TestNodes;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A session whose heartbeats stop is closed 4009, and its user goes offline. */
class SilentSessionPresenceTest {
    private static final int SILENT_NODE = 793;
    private static final int WATCHER_NODE = 794;
    private static final long GUILDS = 1, GUILD_PRESENCES = 1 << 8;

    @Test
    void aSessionClosedForMissedHeartbeatsTakesItsUserOffline() throws Exception {
        ManualClock clock = ManualClock.now();
        WebSocketClient ws = new WebSocketClient();
        ws.start();
        try (TestWorld world = new TestWorld(WATCHER_NODE);
             WsNode silentNode = TestNodes.start(SILENT_NODE, Map.of("WS_HEARTBEAT_INTERVAL_MS", "5000"), clock);
             WsNode watcherNode = TestNodes.start(WATCHER_NODE, Map.of(), Clock.systemUTC());
             GuildStreamRelay relay = new GuildStreamRelay()) {
            long silent = world.user("silent");
            long watcher = world.user("listener");
            TestGuild guild = world.guild(silent, "heartbeats");
            world.join(guild.id(), watcher);
            try (GatewayClient watching = Sessions.load(ws, watcherNode, world, watcher, GUILDS | GUILD_PRESENCES, 1);
                 GatewayClient quiet = Sessions.load(ws, silentNode, world, silent, GUILDS, 1)) {
                assertThat(nextAbout(watching, silent).path("status").asString()).isEqualTo("online");

                clock.advance(Duration.ofSeconds(5 + 10 + 1));
                assertThat(quiet.awaitClose().code()).isEqualTo(4009);
                assertThat(nextAbout(watching, silent).path("status").asString()).isEqualTo("offline");
            }
        } finally {
            ws.stop();
        }
    }

    private static JsonNode nextAbout(GatewayClient client, long user) throws InterruptedException {
        while (true) {
            JsonNode d = client.nextDispatch("PRESENCE_UPDATE").path("d");
            if (d.path("user").path("id").asString().equals(Long.toString(user))) return d;
        }
    }
}
