package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JDA connects with its default {@code compress=zlib-stream} and reads Concord's binary zlib-stream
 * frames with its own inflater: the ws-node's metrics prove the frames were compressed, and the
 * events prove JDA decoded them.
 */
class JdaCompressedGatewayTest {
    private static final int API_NODE_ID = 990;
    private static final int WS_NODE_ID = 991;
    private static final long BOT_PERMISSIONS = Permission.getRaw(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.MESSAGE_HISTORY);
    private static ConcordBot bot;
    private static OwnerRest owner;

    @BeforeAll
    static void start() throws Exception {
        bot = ConcordBot.start(API_NODE_ID, WS_NODE_ID, BOT_PERMISSIONS, EnumSet.of(GatewayIntent.GUILD_MESSAGES,
                GatewayIntent.MESSAGE_CONTENT));
        owner = new OwnerRest(bot);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bot != null) bot.close();
    }

    @Test
    void jdasDefaultConnectionReceivesOnlyCompressedFramesAndDecodesThem() throws Exception {
        double before = sent("zlib-stream");
        for (int i = 0; i < 10; i++) {
            String content = "compressed hello " + i;
            var received = JdaEvents.next(bot.jda, MessageReceivedEvent.class, e -> e.getMessage().getContentRaw().equals(content));
            String id = owner.post(bot.generalChannelId, content).path("id").asString();
            assertThat(JdaEvents.await(received, "MessageReceivedEvent").getMessageId()).isEqualTo(id);
        }

        assertThat(sent("zlib-stream")).as("compressed bytes for the MESSAGE_CREATEs").isGreaterThan(before);
        assertThat(uncompressed("zlib-stream")).as("JSON bytes before compression").isGreaterThan(sent("zlib-stream"));
        assertThat(sent("none")).as("text frames on a node only JDA connected to").isZero();
    }

    private static double sent(String compression) throws Exception {
        return metric("gateway_sent_bytes_total{compression=\"" + compression + "\"}");
    }

    private static double uncompressed(String compression) throws Exception {
        return metric("gateway_sent_uncompressed_bytes_total{compression=\"" + compression + "\"}");
    }

    /** One series of the ws-node's Prometheus endpoint; 0 when it was never written. */
    private static double metric(String series) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + bot.stack.ws.adminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body().lines().filter(l -> l.startsWith(series + " "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(series.length()).trim())).sum();
        }
    }
}
