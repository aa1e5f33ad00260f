package io.concord.ws.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The fanout is behind the guild streams: entries a session's start already covered (its READY, or a
 * resume's rebuild from the streams) reach its node afterwards, and the session must not see them
 * again.
 */
class LaggingFanoutTest {
    @RegisterExtension
    static final TwoNodes nodes = new TwoNodes(767, 768);
    private static final TestWorld world = nodes.world;
    private static final WebSocketClient ws = nodes.ws;
    private static final StreamFanout fanout = nodes.fanout;

    @Test
    void aLateFanoutCopyOfAnEventTheRebuildAlreadySentIsNotDeliveredAgain() throws Exception {
        long owner = world.user("lagging fanout");
        TestGuild guild = world.guild(owner, "Behind");
        GatewayClient client = GatewayClient.connect(ws, nodes.first().publicUrl());
        String sessionId = client.identify(world.token(owner), null).path("d").path("session_id").asString();
        client.nextDispatch("GUILD_CREATE");
        List<Integer> received = new ArrayList<>();
        fanout.publish(message(guild, 1));
        long seq = readMessages(client, received, 1, 2);
        Checkpoints.awaitAtLeast(world.redis, sessionId, seq);
        nodes.first().halt();
        // In the guild stream, but the fanout has not copied them anywhere yet.
        List<StreamFanout.Appended> behind = new ArrayList<>();
        for (int n = 2; n <= 4; n++) behind.add(fanout.append(message(guild, n)));

        GatewayClient resumed = GatewayClient.connect(ws, nodes.second().publicUrl());
        assertThat(resumed.next().path("op").asInt()).isEqualTo(10);
        resumed.send(6, Map.of("token", world.token(owner), "session_id", sessionId, "seq", seq));
        seq = readMessages(resumed, received, 3, seq);
        assertThat(resumed.nextDispatch("RESUMED").path("s").asLong()).isEqualTo(++seq);
        // The fanout catches up: the second node is interested by now and gets its copies of m2..m4.
        behind.forEach(fanout::relay);
        fanout.publish(message(guild, 5));
        seq = readMessages(resumed, received, 1, seq);

        assertThat(received).containsExactly(1, 2, 3, 4, 5);
        resumed.close();
        client.close();
    }

    @Test
    void anEntryFromBeforeTheSessionStartedThatTheFanoutCopiesLateIsNotDelivered() throws Exception {
        long owner = world.user("late joiner");
        TestGuild guild = world.guild(owner, "Before my time");
        // Another session keeps the node interested in the guild, as on any busy node.
        GatewayClient other = GatewayClient.connect(ws, nodes.second().publicUrl());
        other.identify(world.token(owner), null);
        StreamFanout.Appended before = fanout.append(message(guild, 1));

        GatewayClient client = GatewayClient.connect(ws, nodes.second().publicUrl());
        client.identify(world.token(owner), null);
        client.nextDispatch("GUILD_CREATE");
        fanout.relay(before);
        fanout.publish(message(guild, 2));

        JsonNode next = client.nextDispatch("MESSAGE_CREATE");
        assertThat(next.path("d").path("content").asString()).isEqualTo("m2");
        assertThat(next.path("s").asLong()).isEqualTo(3);
        client.close();
        other.close();
    }

    private static GuildEvent message(TestGuild guild, int n) {
        return new GuildEvent("MESSAGE_CREATE", guild.id(), guild.channelId(), List.of(),
                TestWorld.message(world.id(), guild.channelId(), guild.id(), guild.ownerId(), "m" + n));
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
