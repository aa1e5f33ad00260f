package io.concord.ws.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.StreamEntryID;
import tools.jackson.databind.JsonNode;

/**
 * RESUME on a node that never held the session, after the node that did was halted (no close path,
 * as after SIGKILL): the new node rebuilds the missed dispatches from the guild streams.
 */
class CrossNodeResumeTest {
    private static final int FIRST_NODE = 761;
    private static final int SECOND_NODE = 762;
    @RegisterExtension
    static final TwoNodes nodes = new TwoNodes(FIRST_NODE, SECOND_NODE);
    private static final TestWorld world = nodes.world;
    private static final WebSocketClient ws = nodes.ws;
    private static final StreamFanout fanout = nodes.fanout;

    private static StreamEntryID publish(TestGuild guild, int n) {
        return fanout.publish(new GuildEvent("MESSAGE_CREATE", guild.id(), guild.channelId(), List.of(),
                TestWorld.message(world.id(), guild.channelId(), guild.id(), guild.ownerId(), "m" + n)));
    }

    @Test
    void aSessionResumesOnAnotherNodeAfterItsNodeDiedWithEveryEventExactlyOnceInOrder() throws Exception {
        long owner = world.user("survivor");
        TestGuild guild = world.guild(owner, "Disaster recovery");
        GatewayClient client = GatewayClient.connect(ws, nodes.first().publicUrl());
        String sessionId = client.identify(world.token(owner), null).path("d").path("session_id").asString();
        client.nextDispatch("GUILD_CREATE");
        List<Integer> received = new ArrayList<>();
        long seq = 2;

        for (int n = 1; n <= 10; n++) publish(guild, n);
        seq = readMessages(client, received, 10, seq);
        Checkpoints.awaitAtLeast(world.redis, sessionId, seq);
        for (int n = 11; n <= 15; n++) publish(guild, n);
        seq = readMessages(client, received, 5, seq);

        nodes.first().halt();
        for (int n = 16; n <= 20; n++) publish(guild, n);
        // More arrive while the second node takes the session over and after.
        CompletableFuture<Void> during = CompletableFuture.runAsync(() -> {
            for (int n = 21; n <= 40; n++) publish(guild, n);
        });
        GatewayClient resumed = GatewayClient.connect(ws, nodes.second().publicUrl());
        assertThat(resumed.next().path("op").asInt()).isEqualTo(10);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("token", world.token(owner));
        d.put("session_id", sessionId);
        d.put("seq", seq);
        resumed.send(6, d);
        during.get();
        for (int n = 41; n <= 45; n++) publish(guild, n);

        int resumedCount = 0;
        while (received.size() < 45 || resumedCount == 0) {
            JsonNode frame = resumed.next();
            assertThat(frame.path("op").asInt()).as("op of " + frame).isEqualTo(0);
            assertThat(frame.path("s").asLong()).as("seq of " + frame).isEqualTo(++seq);
            if (frame.path("t").asString().equals("RESUMED")) {
                resumedCount++;
                continue;
            }
            assertThat(frame.path("t").asString()).isEqualTo("MESSAGE_CREATE");
            received.add(Integer.parseInt(frame.path("d").path("content").asString().substring(1)));
        }
        assertThat(resumedCount).isEqualTo(1);
        assertThat(received).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 45).boxed().toList());

        // Nothing more is owed: a marker published now is the very next frame.
        publish(guild, 46);
        JsonNode marker = resumed.nextDispatch("MESSAGE_CREATE");
        assertThat(marker.path("d").path("content").asString()).isEqualTo("m46");
        assertThat(marker.path("s").asLong()).isEqualTo(seq + 1);
        resumed.close();
        client.close();
    }

    @Test
    void aCheckpointOlderThanWhatTheGuildStreamsStillHoldCannotBeResumed() throws Exception {
        long owner = world.user("too late");
        TestGuild guild = world.guild(owner, "Trimmed");
        int partition = fanout.partition(guild.id());
        StreamEntryID before = publish(guild, 1);
        StreamEntryID lost = publish(guild, 2);
        publish(guild, 3);
        // A session whose last checkpoint is at m1 (seq 3), held by a node that is gone; m2 is then
        // trimmed away (deleted, so the stream remembers it lost an entry after the checkpoint).
        String sessionId = "feedface" + Long.toHexString(world.id());
        StringBuilder positions = new StringBuilder();
        for (int p = 0; p < fanout.partitions(); p++) {
            positions.append(p == 0 ? "" : ",").append(p).append('=').append(p == partition ? before : world.redis.xrevrange(
                    io.concord.common.event.EventStreams.guildStream(p), "+", "-", 1).stream().findFirst().map(e -> e.getID().toString()).orElse("0-0"));
        }
        world.redis.hset(SessionStore.key(sessionId), Map.of("user", Long.toString(owner), "intents", "", "lt", "50",
                "node", "999", "gen", "0", "cuts", "3|" + positions + "|" + guild.id()));
        world.redis.xdel(io.concord.common.event.EventStreams.guildStream(partition), lost);

        try (GatewayClient resumed = GatewayClient.connect(ws, nodes.second().publicUrl())) {
            assertThat(resumed.next().path("op").asInt()).isEqualTo(10);
            resumed.send(6, Map.of("token", world.token(owner), "session_id", sessionId, "seq", 3));
            JsonNode frame = resumed.next();
            assertThat(frame.path("op").asInt()).as("op of " + frame).isEqualTo(9);
            assertThat(frame.path("d").asBoolean(true)).isFalse();
        }
    }

    private static long readMessages(GatewayClient client, List<Integer> into, int count, long seq) throws Exception {
        for (int i = 0; i < count; i++) {
            JsonNode m = client.nextDispatch("MESSAGE_CREATE");
            assertThat(m.path("s").asLong()).isEqualTo(++seq);
            into.add(Integer.parseInt(m.path("d").path("content").asString().substring(1)));
        }
        return seq;
    }
}
