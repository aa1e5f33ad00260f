package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One message travels the designed path for real: api-node → CQL store + guild stream → fanout-worker
 * (partition lease) → the ws-node's relay stream → the recipient's socket; members only.
 */
class MessagePathTest {
    private static Stack stack;
    private static RestClient rest;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack(902);
        rest = stack.rest();
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static String textChannel(String token, String guildId) {
        for (JsonNode c : rest.call("GET", "/guilds/" + guildId + "/channels", token, null).body()) {
            if (c.path("type").asInt() == 0) return c.path("id").asString();
        }
        throw new AssertionError("no text channel");
    }

    private static String invite(String token, String channelId) {
        RestClient.Response r = rest.call("POST", "/channels/" + channelId + "/invites", token, "{}");
        assertThat(r.status()).isEqualTo(200);
        return r.body().path("code").asString();
    }

    @Test
    void aMemberReceivesAMessageLiveWithTheNextSequenceAndOutsidersNeither() throws Exception {
        String alice = rest.register("alice");
        String bob = rest.register("bob");
        String carol = rest.register("carol");
        String guildId = rest.call("POST", "/guilds", alice, "{\"name\":\"Path guild\"}").body().path("id").asString();
        String channelId = textChannel(alice, guildId);
        assertThat(rest.call("POST", "/invites/" + invite(alice, channelId), bob, null).status()).isEqualTo(200);

        String gateway = rest.call("GET", "/gateway", null, null).body().path("url").asString();
        assertThat(gateway).startsWith("ws://");
        try (GatewayClient bobWs = new GatewayClient(stack.ws.publicUrl()); GatewayClient carolWs = new GatewayClient(stack.ws.publicUrl())) {
            bobWs.identify(bob);
            JsonNode ready = bobWs.awaitDispatch("READY");
            assertThat(ready.path("s").asLong()).isEqualTo(1);
            JsonNode guildCreate = bobWs.awaitDispatch("GUILD_CREATE");
            assertThat(guildCreate.path("d").path("id").asString()).isEqualTo(guildId);
            carolWs.identify(carol);
            carolWs.awaitDispatch("READY");

            RestClient.Response sent = rest.call("POST", "/channels/" + channelId + "/messages", alice,
                    "{\"content\":\"hello bob\",\"nonce\":\"n-1\",\"enforce_nonce\":true}");
            assertThat(sent.status()).isEqualTo(200);
            String messageId = sent.body().path("id").asString();

            JsonNode created = bobWs.awaitDispatch("MESSAGE_CREATE");
            // every dispatch numbered 1, 2, 3... without a gap (own presence updates may come in between)
            List<Long> seqs = bobWs.sequence();
            assertThat(seqs).isEqualTo(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
            assertThat(created.path("s").asLong()).isEqualTo(seqs.size());
            JsonNode d = created.path("d");
            assertThat(d.path("id").asString()).isEqualTo(messageId);
            assertThat(d.path("content").asString()).isEqualTo("hello bob");
            assertThat(d.path("channel_id").asString()).isEqualTo(channelId);
            assertThat(d.path("guild_id").asString()).isEqualTo(guildId);
            assertThat(d.path("author").path("username").asString()).isEqualTo("alice");
            assertThat(d.path("member").path("roles").isArray()).isTrue();
            assertThat(d.path("mentions").isArray()).isTrue();

            JsonNode history = rest.call("GET", "/channels/" + channelId + "/messages?limit=10", bob, null).body();
            assertThat(history.get(0).path("id").asString()).isEqualTo(messageId);

            assertThat(carolWs.dispatchWithin("MESSAGE_CREATE", Duration.ofSeconds(2))).isEmpty();
            RestClient.Response refused = rest.call("GET", "/channels/" + channelId + "/messages", carol, null);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body().path("code").asInt()).isEqualTo(50001);
        }
    }

    @Test
    void aConnectedUserWhoJoinsGetsTheGuildAndThenItsMessages() throws Exception {
        String owner = rest.register("owner");
        String dave = rest.register("dave");
        String guildId = rest.call("POST", "/guilds", owner, "{\"name\":\"Join guild\"}").body().path("id").asString();
        String channelId = textChannel(owner, guildId);
        try (GatewayClient daveWs = new GatewayClient(stack.ws.publicUrl())) {
            daveWs.identify(dave);
            daveWs.awaitDispatch("READY");
            assertThat(rest.call("POST", "/invites/" + invite(owner, channelId), dave, null).status()).isEqualTo(200);
            assertThat(daveWs.awaitDispatch("GUILD_CREATE").path("d").path("id").asString()).isEqualTo(guildId);
            rest.call("POST", "/channels/" + channelId + "/messages", owner, "{\"content\":\"welcome dave\"}");
            assertThat(daveWs.awaitDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("welcome dave");
        }
    }
}
