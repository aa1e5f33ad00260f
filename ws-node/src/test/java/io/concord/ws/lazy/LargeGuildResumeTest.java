package io.concord.ws.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.common.model.Channel;
import io.concord.common.model.ChannelType;
import io.concord.ws.WsNode;
import io.concord.ws.resume.SessionStore;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestNodes;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A read-on-demand session resumed on another node: the rebuild from the guild streams delivers what
 * its checkpointed subscriptions let through (and hints the rest), exactly after the client's seq;
 * its member lists come back with a SYNC after RESUMED. A client that missed an unread hint (sent in
 * no stream) cannot be resumed elsewhere: it gets op 9 rather than a wrongly numbered stream.
 */
class LargeGuildResumeTest {
    private static final int HOLDER = 805;
    private static final int TAKER = 806;
    private static final Map<String, String> ENV = Map.of("LARGE_GUILD_MEMBERS", "5", "MEMBER_LIST_FLUSH_INTERVAL_MS", "50");
    private static final TestWorld world = new TestWorld(HOLDER);
    private static final WebSocketClient ws = new WebSocketClient();
    private static final StreamPath path = new StreamPath(world.redis);
    private static WsNode taker;
    private static LargeGuildFixture fx;

    @BeforeAll
    static void start() throws Exception {
        taker = TestNodes.start(TAKER, ENV, Clock.systemUTC());
        fx = new LargeGuildFixture(world, HOLDER);
        ws.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try (TestWorld w = world; WsNode t = taker; LargeGuildFixture f = fx) {
            ws.stop();
        }
    }

    private record Setup(TestGuild guild, long other, long user) {}

    private static Setup setup(String name) {
        long owner = world.user(name + "-owner");
        TestGuild guild = world.guild(owner, name);
        long other = world.id();
        world.channels.insert(new Channel(other, ChannelType.GUILD_TEXT, guild.id(), "other", 1, null, null, false, 0, List.of()));
        List<Long> m = fx.populate(guild, name, 6);
        return new Setup(guild, other, m.get(0));
    }

    @Test
    void aResumeElsewhereDeliversWhatTheSubscriptionsLetThroughAndSyncsTheLists() throws Exception {
        Setup s = setup("resumed-reader");
        long g = s.guild().id();
        long general = s.guild().channelId();
        long owner = s.guild().ownerId();
        Map<String, String> env = new HashMap<>(ENV);
        try (WsNode holder = TestNodes.start(HOLDER, env, Clock.systemUTC())) {
            GatewayClient client = GatewayClient.connect(ws, holder.publicUrl());
            String sessionId = client.identify(world.token(s.user()), null).path("d").path("session_id").asString();
            assertThat(client.nextDispatch("GUILD_CREATE").path("d").path("large").asBoolean()).isTrue();
            LargeGuildFixture.subscribe(client, g, general, List.<int[]>of(new int[] {0, 99}));
            assertThat(client.nextDispatch("GUILD_MEMBER_LIST_UPDATE")).isNotNull();
            message(g, general, owner, "watched", List.of());
            message(g, s.other(), owner, "hinted", List.of());
            long seq = 0;
            boolean message = false, hint = false;
            while (!message || !hint) {
                JsonNode f = client.next();
                String t = f.path("t").asString();
                message |= t.equals("MESSAGE_CREATE");
                hint |= t.equals("CHANNEL_UNREAD_UPDATE");
                assertThat(t).isIn("MESSAGE_CREATE", "CHANNEL_UNREAD_UPDATE");
                seq = Math.max(seq, f.path("s").asLong());
            }
            awaitCheckpoint(sessionId, seq);
            holder.halt();
            client.close();

            message(g, general, owner, "watched while away", List.of());
            long away = message(g, s.other(), owner, "unwatched while away", List.of());
            message(g, s.other(), owner, "mentioned while away", List.of(s.user()));

            try (GatewayClient resumed = resume(sessionId, s.user(), seq)) {
                JsonNode m1 = resumed.nextDispatch("MESSAGE_CREATE");
                assertThat(m1.path("d").path("content").asString()).isEqualTo("watched while away");
                assertThat(m1.path("s").asLong()).isEqualTo(seq + 1);
                JsonNode m2 = resumed.nextDispatch("MESSAGE_CREATE");
                assertThat(m2.path("d").path("content").asString()).isEqualTo("mentioned while away");
                assertThat(m2.path("s").asLong()).isEqualTo(seq + 2);
                assertThat(resumed.nextDispatch("RESUMED").path("s").asLong()).isEqualTo(seq + 3);
                JsonNode sync = resumed.nextDispatch("GUILD_MEMBER_LIST_UPDATE");
                assertThat(sync.path("s").asLong()).isEqualTo(seq + 4);
                assertThat(sync.path("d").path("ops").get(0).path("op").asString()).isEqualTo("SYNC");
                JsonNode hinted = resumed.nextDispatch("CHANNEL_UNREAD_UPDATE");
                assertThat(hinted.path("s").asLong()).isEqualTo(seq + 5);
                assertThat(hinted.path("d").path("channel_unread_updates").get(0).path("last_message_id").asString()).isEqualTo(Long.toString(away));

                // Live on the new node, with the same subscriptions.
                message(g, s.other(), owner, "still unwatched", List.of());
                message(g, general, owner, "still watched", List.of());
                assertThat(nextMessage(resumed).path("d").path("content").asString()).isEqualTo("still watched");
            }
        }
    }

    @Test
    void aResumeOnTheSameNodeKeepsTheSubscriptions() throws Exception {
        Setup s = setup("same-node");
        long g = s.guild().id();
        long general = s.guild().channelId();
        long owner = s.guild().ownerId();
        GatewayClient client = GatewayClient.connect(ws, taker.publicUrl());
        String sessionId = client.identify(world.token(s.user()), null).path("d").path("session_id").asString();
        client.nextDispatch("GUILD_CREATE");
        LargeGuildFixture.subscribe(client, g, general, List.<int[]>of(new int[] {0, 99}));
        long seq = client.nextDispatch("GUILD_MEMBER_LIST_UPDATE").path("s").asLong();
        client.disconnect();
        client.awaitClose();

        message(g, s.other(), owner, "unwatched while away", List.of());
        message(g, general, owner, "watched while away", List.of());
        try (GatewayClient resumed = resume(sessionId, s.user(), seq)) {
            // Replayed before RESUMED or routed after it, whichever the relay made: the watched message
            // comes (after the unwatched one in the same stream), and nothing else of the two.
            List<String> contents = new ArrayList<>();
            boolean resumedSeen = false;
            while (!resumedSeen || !contents.contains("watched while away")) {
                JsonNode f = resumed.next();
                resumedSeen |= f.path("t").asString().equals("RESUMED");
                if (f.path("t").asString().equals("MESSAGE_CREATE")) contents.add(f.path("d").path("content").asString());
            }
            assertThat(contents).containsExactly("watched while away");
            message(g, s.other(), owner, "still unwatched", List.of());
            message(g, general, owner, "still watched", List.of());
            assertThat(nextMessage(resumed).path("d").path("content").asString()).isEqualTo("still watched");
        }
    }

    @Test
    void aClientThatMissedAnUnreadHintIsNotResumedElsewhereButOneThatSawItIs() throws Exception {
        // Only write-aheads checkpoint on these holders: the op 14 answer, then the hint.
        Map<String, String> env = new HashMap<>(ENV);
        env.put("WS_CHECKPOINT_INTERVAL_MS", "60000");
        for (boolean sawHint : new boolean[] {false, true}) {
            Setup s = setup(sawHint ? "saw-hint" : "missed-hint");
            long g = s.guild().id();
            try (WsNode holder = TestNodes.start(sawHint ? 808 : 807, env, Clock.systemUTC())) {
                GatewayClient client = GatewayClient.connect(ws, holder.publicUrl());
                String sessionId = client.identify(world.token(s.user()), null).path("d").path("session_id").asString();
                client.nextDispatch("GUILD_CREATE");
                LargeGuildFixture.subscribe(client, g, s.guild().channelId(), List.<int[]>of(new int[] {0, 99}));
                long synced = client.nextDispatch("GUILD_MEMBER_LIST_UPDATE").path("s").asLong();
                message(g, s.other(), s.guild().ownerId(), "hinted", List.of());
                long hinted = client.nextDispatch("CHANNEL_UNREAD_UPDATE").path("s").asLong();
                assertThat(hinted).isEqualTo(synced + 1);
                holder.halt();
                client.close();

                try (GatewayClient resumed = resume(sessionId, s.user(), sawHint ? hinted : synced)) {
                    JsonNode answer = resumed.next();
                    if (sawHint) {
                        assertThat(answer.path("t").asString()).isEqualTo("RESUMED");
                        assertThat(answer.path("s").asLong()).isEqualTo(hinted + 1);
                    } else {
                        assertThat(answer.path("op").asInt()).as("op 9 for %s", answer).isEqualTo(9);
                        assertThat(answer.path("d").asBoolean()).isFalse();
                    }
                }
            }
        }
    }

    /** The next MESSAGE_CREATE; only unread hints may come before it. */
    private static JsonNode nextMessage(GatewayClient client) throws InterruptedException {
        JsonNode f = client.next();
        while (f.path("t").asString().equals("CHANNEL_UNREAD_UPDATE")) f = client.next();
        assertThat(f.path("t").asString()).isEqualTo("MESSAGE_CREATE");
        return f;
    }

    private static long message(long guildId, long channelId, long author, String content, List<Long> mentions) {
        long id = world.id();
        path.publish(new GuildEvent("MESSAGE_CREATE", guildId, channelId, List.of(),
                LargeGuildFixture.message(id, guildId, channelId, author, content, mentions, List.of(), false)));
        return id;
    }

    private static GatewayClient resume(String sessionId, long user, long seq) throws Exception {
        GatewayClient client = GatewayClient.connect(ws, taker.publicUrl());
        assertThat(client.next().path("op").asInt()).isEqualTo(10);
        client.send(6, Map.of("token", world.token(user), "session_id", sessionId, "seq", seq));
        return client;
    }

    private static void awaitCheckpoint(String sessionId, long seq) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            String cuts = world.redis.hget(SessionStore.key(sessionId), "cuts");
            List<Long> seqs = new ArrayList<>();
            if (cuts != null) for (String c : cuts.split(";")) seqs.add(Long.parseLong(c.substring(0, c.indexOf('|'))));
            if (seqs.stream().anyMatch(x -> x >= seq)) return;
            assertThat(System.nanoTime()).as("a checkpoint of %s at %s or later", sessionId, seq).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
