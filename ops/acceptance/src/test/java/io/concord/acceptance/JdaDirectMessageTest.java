package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.json.Json;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A DM round trip with an unmodified JDA bot: a user opens a DM with the bot over REST and writes;
 * the bot receives it as a private {@code MessageReceivedEvent} (intent DIRECT_MESSAGES) and answers
 * through {@code User#openPrivateChannel()}; the user's gateway session gets the answer, and the
 * answer counts as a mention in the user's read state (every DM message does).
 */
class JdaDirectMessageTest {
    private static final int API_NODE_ID = 970;
    private static final int WS_NODE_ID = 971;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static ConcordBot bot;

    @BeforeAll
    static void start() throws Exception {
        bot = ConcordBot.start(API_NODE_ID, WS_NODE_ID, Permission.getRaw(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND),
                EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bot != null) bot.close();
    }

    @Test
    void aUsersDmReachesTheBotAndTheBotsReplyViaOpenPrivateChannelReachesTheUsersSession() throws Exception {
        String user = bot.ownerToken;
        String userId = ok(bot.rest.call("GET", "/users/@me", user, null), 200).path("id").asString();
        CompletableFuture<MessageReceivedEvent> received = new CompletableFuture<>();
        bot.jda.addEventListener((EventListener) event -> {
            if (!(event instanceof MessageReceivedEvent m) || m.getAuthor().getId().equals(bot.botUserId)) return;
            if (!m.isFromType(ChannelType.PRIVATE)) return;
            received.complete(m);
            m.getAuthor().openPrivateChannel().flatMap(ch -> ch.sendMessage("pong: " + m.getMessage().getContentRaw())).queue();
        });
        try (GatewayClient session = new GatewayClient(bot.stack.ws.publicUrl())) {
            session.identify(user);
            session.awaitDispatch("READY");

            JsonNode dm = ok(bot.rest.call("POST", "/users/@me/channels", user, Json.write(Map.of("recipient_id", bot.botUserId))), 200);
            String dmId = dm.path("id").asString();
            assertThat(dm.path("type").asInt()).isEqualTo(1);
            assertThat(dm.path("recipients").get(0).path("id").asString()).isEqualTo(bot.botUserId);
            String ping = ok(bot.rest.call("POST", "/channels/" + dmId + "/messages", user, Json.write(Map.of("content", "ping"))), 200)
                    .path("id").asString();

            MessageReceivedEvent got = received.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(got.getChannelType()).isEqualTo(ChannelType.PRIVATE);
            assertThat(got.getChannel().getId()).isEqualTo(dmId);
            assertThat(got.getMessage().getId()).isEqualTo(ping);
            assertThat(got.getMessage().getContentRaw()).as("DM content needs no MESSAGE_CONTENT intent").isEqualTo("ping");
            assertThat(got.getAuthor().getId()).isEqualTo(userId);
            assertThat(got.isFromGuild()).isFalse();

            JsonNode reply = replyIn(session, dmId);
            assertThat(reply.path("content").asString()).isEqualTo("pong: ping");
            assertThat(reply.path("author").path("id").asString()).isEqualTo(bot.botUserId);
            assertThat(reply.has("guild_id")).isFalse();

            // The bot's open DM is the same channel, listed for both sides.
            PrivateChannel opened = bot.jda.openPrivateChannelById(userId).complete();
            assertThat(opened.getId()).isEqualTo(dmId);
            assertThat(ok(bot.rest.call("GET", "/users/@me/channels", "Bot " + bot.botToken, null), 200).findValuesAsString("id")).contains(dmId);

            // Every DM message counts as a mention for the other recipient (the readstate-worker writes it).
            String replyId = reply.path("id").asString();
            JsonNode state = OwnerRest.await(() -> {
                for (JsonNode e : ok(bot.rest.call("GET", "/users/@me/read-states", user, null), 200).path("entries")) {
                    if (e.path("id").asString().equals(dmId) && e.path("mention_count").asInt() == 1) return e;
                }
                return null;
            }, "the bot's reply counted as one mention of the user in the DM " + replyId);
            assertThat(state.path("last_message_id").asString()).as("the user's own ping acked the DM for them").isEqualTo(ping);
        }
    }

    @Test
    void inAGroupDmEveryMessageCountsOnceForEachOtherRecipientAndADeleteTakesItBack() throws Exception {
        String owner = bot.ownerToken;
        String b = bot.rest.register("dm_b");
        String c = bot.rest.register("dm_c");
        String bId = ok(bot.rest.call("GET", "/users/@me", b, null), 200).path("id").asString();
        String cId = ok(bot.rest.call("GET", "/users/@me", c, null), 200).path("id").asString();
        String group = ok(bot.rest.call("POST", "/users/@me/channels", owner, Json.write(Map.of("recipients", java.util.List.of(bId, cId)))), 200)
                .path("id").asString();

        ok(bot.rest.call("POST", "/channels/" + group + "/messages", b, Json.write(Map.of("content", "one"))), 200);
        String two = ok(bot.rest.call("POST", "/channels/" + group + "/messages", b, Json.write(Map.of("content", "two"))), 200)
                .path("id").asString();

        awaitMentions(owner, group, 2);
        awaitMentions(c, group, 2);
        awaitMentions(b, group, 0);
        assertThat(ok(bot.rest.call("DELETE", "/channels/" + group + "/messages/" + two, b, null), 204)).isNotNull();
        awaitMentions(owner, group, 1);
        awaitMentions(c, group, 1);
    }

    /** Waits until the user's read state for the channel shows {@code count} mentions (0: none or no entry). */
    private static void awaitMentions(String token, String channelId, int count) throws InterruptedException {
        OwnerRest.await(() -> {
            int seen = 0;
            for (JsonNode e : ok(bot.rest.call("GET", "/users/@me/read-states", token, null), 200).path("entries")) {
                if (e.path("id").asString().equals(channelId)) seen = e.path("mention_count").asInt();
            }
            return seen == count ? Boolean.TRUE : null;
        }, count + " mentions in " + channelId);
    }

    /** The bot's MESSAGE_CREATE in the DM, skipping the user's own. */
    private static JsonNode replyIn(GatewayClient session, String dmId) throws InterruptedException {
        while (true) {
            JsonNode d = session.awaitDispatch("MESSAGE_CREATE").path("d");
            if (d.path("channel_id").asString().equals(dmId) && d.path("author").path("id").asString().equals(bot.botUserId)) return d;
        }
    }

    private static JsonNode ok(RestClient.Response r, int status) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        return r.body();
    }
}
