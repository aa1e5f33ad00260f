package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** JDA copes with Concord's production rate limits: it paces itself on the headers and never surfaces a 429. */
class JdaRateLimitTest {
    private static final int API_NODE_ID = 956;
    private static final int WS_NODE_ID = 957;
    /** The send bucket allows 5 per 5 s per channel; 8 must wait for one reset. */
    private static final int BURST = 8;
    private static final int SEND_BUCKET = 5;
    private static final String SEND_ROUTE = "channels/{channel_id}/messages";
    private static ConcordBot bot;
    private static OwnerRest owner;

    @BeforeAll
    static void start() throws Exception {
        bot = ConcordBot.start(API_NODE_ID, WS_NODE_ID, Permission.getRaw(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
                Permission.MESSAGE_HISTORY), EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT));
        owner = new OwnerRest(bot);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bot != null) bot.close();
    }

    @Test
    void aBurstBeyondTheSendBucketCompletesInOrderWithoutA429() throws Exception {
        TextChannel channel = OwnerRest.awaitTextChannel(bot.jda, owner.createTextChannel("burst", List.of()));
        long acceptedBefore = sends(200);
        long refusedBefore = sends(429);

        List<CompletableFuture<Message>> futures = new ArrayList<>();
        for (int i = 1; i <= BURST; i++) futures.add(channel.sendMessage("burst " + i).submit());
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<Message> sent = futures.stream().map(CompletableFuture::join).toList();
        assertThat(sent).extracting(Message::getContentRaw)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, BURST).mapToObj(i -> "burst " + i).toList());
        assertThat(sent).extracting(Message::getIdLong).isSorted();
        JsonNode history = owner.history(channel.getId(), 20);
        List<String> stored = new ArrayList<>();
        history.forEach(m -> stored.add(m.path("content").asString()));
        assertThat(stored).containsExactlyElementsOf(sent.reversed().stream().map(Message::getContentRaw).toList());
        assertThat(sends(200) - acceptedBefore).as("sends the server accepted").isEqualTo(BURST);
        assertThat(sends(429) - refusedBefore).as("429s the server answered JDA's burst with (it paces on the headers)").isZero();
    }

    @Test
    void thePlainClientBurstIsRefusedWithTheHeadersJdaReads() {
        String channelId = owner.createTextChannel("raw-burst", List.of());
        String body = Json.write(Map.of("content", "raw"));
        RestClient.Response last = null;
        for (int i = 0; i <= SEND_BUCKET && (last == null || last.status() == 200); i++) {
            last = bot.rest.attempt("POST", "/channels/" + channelId + "/messages", "Bot " + bot.botToken, body);
        }

        assertThat(last.status()).as("request %d of a burst: %s", SEND_BUCKET + 1, last).isEqualTo(429);
        assertThat(last.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 5L));
        assertThat(last.header("X-RateLimit-Remaining")).hasValue("0");
        assertThat(last.header("X-RateLimit-Bucket")).isPresent();
        assertThat(last.header("Via")).isPresent();
        assertThat(last.header("X-RateLimit-Global")).isEmpty();
        assertThat(last.body().path("retry_after").asDouble()).isPositive();
        assertThat(last.body().path("global").asBoolean()).isFalse();

        RestClient.Response honoured = bot.rest.call("POST", "/channels/" + channelId + "/messages", "Bot " + bot.botToken, body);
        assertThat(honoured.status()).as("after waiting Retry-After: %s", honoured).isEqualTo(200);
    }

    /** The api-node's count of answers with {@code status} on the send route, from its Prometheus endpoint. */
    private static long sends(int status) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bot.stack.api.adminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        String series = "http_server_request_duration_seconds_count{method=\"POST\",route=\"" + SEND_ROUTE + "\",status=\"" + status + "\"}";
        return r.body().lines().filter(l -> l.startsWith(series))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(series.length()).trim())).sum();
    }
}
