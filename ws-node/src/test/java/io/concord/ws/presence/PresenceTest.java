package io.concord.ws.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.WsNode;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.GuildStreamRelay;
import io.concord.ws.support.Sessions;
import io.concord.ws.support.TestNodes;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Presence across two sessions of a user on two nodes, as sessions sharing a guild see it. */
class PresenceTest {
    private static final int NODE_A = 785;
    private static final int NODE_B = 786;
    /** An id no node here ever announces: its registry entry is "expired" from the start. */
    private static final int DEAD_NODE = 799;
    private static final long GUILDS = 1, GUILD_PRESENCES = 1 << 8, GUILD_MESSAGES = 1 << 9;
    private static final TestWorld world = new TestWorld(NODE_A);
    private static final WebSocketClient ws = new WebSocketClient();
    private static WsNode a;
    private static WsNode b;
    private static GuildStreamRelay relay;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = Map.of("WS_PRESENCE_REAP_INTERVAL_MS", "200");
        a = TestNodes.start(NODE_A, env, Clock.systemUTC());
        b = TestNodes.start(NODE_B, env, Clock.systemUTC());
        relay = new GuildStreamRelay();
        ws.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try (TestWorld w = world; WsNode na = a; WsNode nb = b; GuildStreamRelay r = relay) {
            ws.stop();
        }
    }

    private static GatewayClient load(WsNode node, long user, long intents, int guilds) throws Exception {
        return Sessions.load(ws, node, world, user, intents, guilds);
    }

    private static GatewayClient identifyWithPresence(WsNode node, long user, String status) throws Exception {
        GatewayClient client = GatewayClient.connect(ws, node.publicUrl());
        assertThat(client.next().path("op").asInt()).isEqualTo(10);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("token", world.token(user));
        d.put("properties", Map.of("os", "linux", "browser", "test", "device", "test"));
        d.put("intents", GUILDS);
        d.put("presence", Map.of("since", 0, "activities", List.of(), "status", status, "afk", false));
        client.send(2, d);
        client.nextDispatch("READY");
        client.nextDispatch("GUILD_CREATE");
        return client;
    }

    private static void setStatus(GatewayClient client, String status, List<Map<String, Object>> activities) {
        client.send(3, Map.of("since", 0, "activities", activities, "status", status, "afk", false));
    }

    /**
     * The next PRESENCE_UPDATE about {@code user}, checked to be for {@code guild}; returns its d.
     * Those about other members (the watchers themselves coming online) are skipped.
     */
    private static JsonNode presence(GatewayClient client, long user, TestGuild guild) throws InterruptedException {
        JsonNode d = client.nextDispatch("PRESENCE_UPDATE").path("d");
        while (!d.path("user").path("id").asString().equals(Long.toString(user))) d = client.nextDispatch("PRESENCE_UPDATE").path("d");
        assertThat(d.path("guild_id").asString()).isEqualTo(Long.toString(guild.id()));
        return d;
    }

    /** The next frame that is not the session's own user coming online in its own guild. */
    private static JsonNode nextOtherThanOwnPresence(GatewayClient client, long self) throws InterruptedException {
        JsonNode frame = client.next();
        while (frame.path("t").asString().equals("PRESENCE_UPDATE")
                && frame.path("d").path("user").path("id").asString().equals(Long.toString(self))) {
            frame = client.next();
        }
        return frame;
    }

    @Test
    void theMostOnlineSessionShowsInvisibleAsOfflineAndTheLastCloseGoesOffline() throws Exception {
        long alice = world.user("alice");
        long watcher = world.user("watcher");
        long blind = world.user("blind");
        long outsider = world.user("outsider");
        TestGuild guild = world.guild(alice, "presences");
        world.join(guild.id(), watcher);
        world.join(guild.id(), blind);
        TestGuild elsewhere = world.guild(outsider, "elsewhere");

        try (GatewayClient watching = load(b, watcher, GUILDS | GUILD_PRESENCES, 1);
             GatewayClient notAsking = load(b, blind, GUILDS | GUILD_MESSAGES, 1);
             GatewayClient notSharing = load(b, outsider, GUILDS | GUILD_PRESENCES | GUILD_MESSAGES, 1)) {
            GatewayClient first = load(a, alice, GUILDS, 1);
            JsonNode online = presence(watching, alice, guild);
            assertThat(online.path("status").asString()).isEqualTo("online");
            assertThat(online.path("client_status").path("web").asString()).isEqualTo("online");

            // A second session on the other node, dnd: online still wins.
            GatewayClient second = identifyWithPresence(b, alice, "dnd");
            setStatus(first, "idle", List.of(Map.of("name", "chess", "type", 0)));
            assertThat(presence(watching, alice, guild).path("status").asString()).isEqualTo("dnd");

            setStatus(second, "invisible", List.of());
            JsonNode idle = presence(watching, alice, guild);
            assertThat(idle.path("status").asString()).isEqualTo("idle");
            assertThat(idle.path("activities").get(0).path("name").asString()).isEqualTo("chess");

            setStatus(first, "invisible", List.of(Map.of("name", "hidden", "type", 0)));
            JsonNode hidden = presence(watching, alice, guild);
            assertThat(hidden.path("status").asString()).isEqualTo("offline");
            assertThat(hidden.path("activities").size()).isZero();

            setStatus(first, "online", List.of());
            assertThat(presence(watching, alice, guild).path("status").asString()).isEqualTo("online");
            first.close();
            // The invisible session on node B remains: others see offline.
            assertThat(presence(watching, alice, guild).path("status").asString()).isEqualTo("offline");

            setStatus(second, "online", List.of());
            assertThat(presence(watching, alice, guild).path("status").asString()).isEqualTo("online");
            second.close();
            assertThat(presence(watching, alice, guild).path("status").asString()).isEqualTo("offline");

            // Everything above went through node B's relay before these markers: neither saw any of it.
            long marker = world.id();
            long otherMarker = world.id();
            world.publish(NODE_B, new GuildEvent("MESSAGE_CREATE", guild.id(), guild.channelId(), List.of(),
                    TestWorld.message(marker, guild.channelId(), guild.id(), alice, "marker")));
            world.publish(NODE_B, new GuildEvent("MESSAGE_CREATE", elsewhere.id(), elsewhere.channelId(), List.of(),
                    TestWorld.message(otherMarker, elsewhere.channelId(), elsewhere.id(), outsider, "marker")));
            assertThat(notAsking.nextDispatch("MESSAGE_CREATE").path("d").path("id").asString()).isEqualTo(Long.toString(marker));
            assertThat(nextOtherThanOwnPresence(notSharing, outsider).path("d").path("id").asString()).isEqualTo(Long.toString(otherMarker));
        }
    }

    @Test
    void guildCreateListsOnlineMembersToSessionsWithGuildPresences() throws Exception {
        long owner = world.user("shown");
        long absent = world.user("absent");
        long viewer = world.user("viewer");
        TestGuild guild = world.guild(owner, "listed");
        world.join(guild.id(), absent);
        world.join(guild.id(), viewer);

        try (GatewayClient watching = load(b, viewer, GUILDS | GUILD_PRESENCES, 1);
             GatewayClient shown = load(a, owner, GUILDS, 1)) {
            assertThat(presence(watching, owner, guild).path("status").asString()).isEqualTo("online");

            GatewayClient withIntent = GatewayClient.connect(ws, a.publicUrl());
            withIntent.identify(world.token(viewer), GUILDS | GUILD_PRESENCES);
            JsonNode presences = withIntent.nextDispatch("GUILD_CREATE").path("d").path("presences");
            assertThat(presences.findValuesAsString("id")).containsExactlyInAnyOrder(Long.toString(owner), Long.toString(viewer));
            withIntent.close();

            GatewayClient without = GatewayClient.connect(ws, a.publicUrl());
            without.identify(world.token(viewer), GUILDS);
            assertThat(without.nextDispatch("GUILD_CREATE").path("d").path("presences").size()).isZero();
            without.close();
        }
    }

    @Test
    void theUsersOfANodeWhoseRegistrationExpiredAreTakenOfflineByALiveNode() throws Exception {
        long victim = world.user("victim");
        long watcher = world.user("survivor");
        TestGuild guild = world.guild(victim, "dead node");
        world.join(guild.id(), watcher);
        PresenceStore store = new PresenceStore(world.redis);

        try (GatewayClient watching = load(b, watcher, GUILDS | GUILD_PRESENCES, 1)) {
            // What a node killed with SIGKILL leaves behind: a session shown online, and no registry entry.
            world.redis.del("presence-reap:" + DEAD_NODE);
            store.set(DEAD_NODE, "killed-session", victim, Status.ONLINE,
                    "{\"status\":\"online\",\"activities\":[],\"client_status\":{\"web\":\"online\"}}");

            JsonNode offline = presence(watching, victim, guild);
            assertThat(offline.path("status").asString()).isEqualTo("offline");
            assertThat(store.visible(List.of(victim))).containsExactly(java.util.Optional.empty());
            assertThat(store.nodes()).doesNotContain(DEAD_NODE);
            // The claim that let exactly one of the two live nodes publish it.
            assertThat(world.redis.exists("presence-reap:" + DEAD_NODE)).isTrue();
        }
    }

    @Test
    void aMalformedPresenceUpdateCloses4002() throws Exception {
        long user = world.user("garbled");
        for (Object d : List.of(Map.of("status", "busy", "afk", false), Map.of("status", "online", "activities", "none"),
                Map.of("status", "online", "activities", List.of(Map.of("name", "x", "type", 9))), "online")) {
            try (GatewayClient client = GatewayClient.connect(ws, a.publicUrl())) {
                client.identify(world.token(user), GUILDS);
                client.send(3, d);
                assertThat(client.awaitClose().code()).as(d.toString()).isEqualTo(4002);
            }
        }
    }
}
