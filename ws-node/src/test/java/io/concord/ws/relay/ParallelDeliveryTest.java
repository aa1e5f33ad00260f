package io.concord.ws.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** A node that splits every event's sends over threads (one send per thread is enough) still numbers and orders them per session. */
class ParallelDeliveryTest {
    private static final int NODE_ID = 892;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID,
            Map.of("WS_DELIVERY_THREADS", "4", "WS_DELIVERY_MIN_PER_THREAD", "1"), Clock.systemUTC());
    private static final TestWorld world = wsNode.world();

    @Test
    void everySessionGetsEveryMessageOnceInStreamOrderWithConsecutiveSequenceNumbers() throws Exception {
        long owner = world.user("parallel-owner");
        TestGuild guild = world.guild(owner, "Parallel");
        List<Long> users = new ArrayList<>(List.of(owner));
        for (int i = 0; i < 5; i++) {
            long u = world.user("parallel-" + i);
            world.join(guild.id(), u);
            users.add(u);
        }
        List<GatewayClient> clients = new ArrayList<>();
        try {
            // Two sessions per user: twelve sessions, so the sends of each event go to four threads.
            for (long u : users) {
                clients.add(wsNode.load(u, null, 1));
                clients.add(wsNode.load(u, null, 1));
            }
            int messages = 40;
            for (int m = 0; m < messages; m++) wsNode.publishMessage(guild, guild.channelId(), owner, "m" + m);

            for (GatewayClient client : clients) {
                long first = -1;
                for (int m = 0; m < messages; m++) {
                    JsonNode frame = client.nextDispatch("MESSAGE_CREATE");
                    assertThat(frame.path("d").path("content").asString()).isEqualTo("m" + m);
                    if (first < 0) first = frame.path("s").asLong();
                    assertThat(frame.path("s").asLong()).isEqualTo(first + m);
                }
            }
        } finally {
            clients.forEach(GatewayClient::close);
        }
    }
}
