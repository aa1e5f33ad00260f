package io.concord.ws.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * DM events live on the guild streams (guild 0, partition 0) like every other event, so a session
 * resumed on another node after its node died gets the DM messages it missed, exactly once and in
 * order, rebuilt through the same rules as live delivery; the other recipient's events are not its.
 */
class DmResumeTest {
    private static final int FIRST_NODE = 852;
    private static final int SECOND_NODE = 853;
    @RegisterExtension
    static final TwoNodes nodes = new TwoNodes(FIRST_NODE, SECOND_NODE);
    private static final TestWorld world = nodes.world;
    private static final WebSocketClient ws = nodes.ws;
    private static final StreamFanout fanout = nodes.fanout;

    @Test
    void aResumedSessionGetsTheDmMessagesItMissedExactlyOnceInOrder() throws Exception {
        long a = world.user("dm_resumer");
        long b = world.user("dm_peer");
        long c = world.user("dm_stranger");
        long dm = world.id();
        long otherDm = world.id();
        GatewayClient client = GatewayClient.connect(ws, nodes.first().publicUrl());
        String sessionId = client.identify(world.token(a), null).path("d").path("session_id").asString();
        List<Integer> received = new ArrayList<>();
        long seq = 1;

        for (int n = 1; n <= 5; n++) publish(dm, List.of(a, b), n);
        seq = read(client, received, 5, seq);
        Checkpoints.awaitAtLeast(world.redis, sessionId, seq);

        nodes.first().halt();
        for (int n = 6; n <= 12; n++) {
            publish(dm, List.of(a, b), n);
            publish(otherDm, List.of(b, c), 100 + n); // not a's DM: never rebuilt for a
        }
        GatewayClient resumed = GatewayClient.connect(ws, nodes.second().publicUrl());
        assertThat(resumed.next().path("op").asInt()).isEqualTo(10);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("token", world.token(a));
        d.put("session_id", sessionId);
        d.put("seq", seq);
        resumed.send(6, d);

        int resumedCount = 0;
        while (received.size() < 12 || resumedCount == 0) {
            JsonNode frame = resumed.next();
            assertThat(frame.path("op").asInt()).as("op of " + frame).isEqualTo(0);
            assertThat(frame.path("s").asLong()).as("seq of " + frame).isEqualTo(++seq);
            if (frame.path("t").asString().equals("RESUMED")) {
                resumedCount++;
                continue;
            }
            assertThat(frame.path("t").asString()).isEqualTo("MESSAGE_CREATE");
            assertThat(frame.path("d").path("channel_id").asString()).isEqualTo(Long.toString(dm));
            received.add(Integer.parseInt(frame.path("d").path("content").asString().substring(1)));
        }
        assertThat(received).containsExactlyElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());

        publish(dm, List.of(a, b), 13);
        JsonNode marker = resumed.nextDispatch("MESSAGE_CREATE");
        assertThat(marker.path("d").path("content").asString()).as("nothing else was owed").isEqualTo("m13");
        resumed.close();
        client.close();
    }

    private static void publish(long channelId, List<Long> recipients, int n) {
        String payload = """
                {"id":"%d","type":0,"channel_id":"%d","author":{"id":"%d","username":"author","discriminator":"0"},\
                "content":"m%d","timestamp":"2026-01-01T00:00:00.000000+00:00","tts":false,"mention_everyone":false,\
                "mentions":[],"mention_roles":[],"attachments":[],"embeds":[],"pinned":false}"""
                .formatted(world.id(), channelId, recipients.getLast(), n);
        fanout.publish(new GuildEvent("MESSAGE_CREATE", 0, channelId, recipients, payload));
    }

    private static long read(GatewayClient client, List<Integer> into, int count, long seq) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            JsonNode frame = client.nextDispatch("MESSAGE_CREATE");
            assertThat(frame.path("s").asLong()).isEqualTo(++seq);
            into.add(Integer.parseInt(frame.path("d").path("content").asString().substring(1)));
        }
        return seq;
    }
}
