package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concord.common.json.Json;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.channel.ChannelCreateEvent;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Where an overwrite denies the bot, JDA neither sees nor may act, and the server agrees: hidden
 * channels and their messages never reach it, sending is refused on both sides, a live overwrite
 * change hides and restores a channel, and without MESSAGE_CONTENT only mentions carry content.
 */
class JdaPermissionTest {
    private static final int API_NODE_ID = 954;
    private static final int WS_NODE_ID = 955;
    private static final long BOT_PERMISSIONS = Permission.getRaw(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.MESSAGE_HISTORY);
    private static ConcordBot bot;
    private static OwnerRest owner;
    private static String botRoleId;

    @BeforeAll
    static void start() throws Exception {
        bot = ConcordBot.start(API_NODE_ID, WS_NODE_ID, BOT_PERMISSIONS, EnumSet.of(GatewayIntent.GUILD_MESSAGES,
                GatewayIntent.MESSAGE_CONTENT));
        owner = new OwnerRest(bot);
        Role botRole = bot.jda.getGuildById(bot.guildId).getBotRole();
        assertThat(botRole).as("Guild#getBotRole (the managed role tagged with the bot's id)").isNotNull();
        assertThat(botRole.getTags().getBotId()).isEqualTo(bot.botUserId);
        assertThat(bot.jda.getGuildById(bot.guildId).getSelfMember().getRoles()).contains(botRole);
        botRoleId = botRole.getId();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bot != null) bot.close();
    }

    private static final long VIEW = Permission.VIEW_CHANNEL.getRawValue();
    private static final long SEND = Permission.MESSAGE_SEND.getRawValue();

    /**
     * Proves a negative by ordering: the owner posts {@code hidden} in {@code hiddenChannelId} and then a
     * message in general; the first message the bot receives must be the general one.
     */
    private static void assertMessagesThereNeverArrive(String hiddenChannelId, String what) throws Exception {
        var first = JdaEvents.first(bot.jda, MessageReceivedEvent.class);
        String hidden = owner.post(hiddenChannelId, "secret " + what).path("id").asString();
        String visible = owner.post(bot.generalChannelId, "public after " + what).path("id").asString();

        MessageReceivedEvent event = JdaEvents.await(first, "MessageReceivedEvent");
        assertThat(event.getMessageId()).as("first message the bot got (the hidden one is %s)", hidden).isEqualTo(visible);
        assertThat(event.getChannel().getId()).isEqualTo(bot.generalChannelId);
    }

    @Test
    void theBotsManagedRoleIsTaggedWithItsIdOverRestAndStaysSoWhenEdited() {
        JsonNode edited = OwnerRest.ok(bot.rest.call("PATCH", "/guilds/" + bot.guildId + "/roles/" + botRoleId, bot.ownerToken,
                "{\"mentionable\":true}"), 200);
        assertThat(edited.path("tags").path("bot_id").asString()).isEqualTo(bot.botUserId);
        JsonNode roles = OwnerRest.ok(bot.rest.call("GET", "/guilds/" + bot.guildId + "/roles", bot.ownerToken, null), 200);
        assertThat(roles).filteredOn(r -> r.path("id").asString().equals(botRoleId)).singleElement()
                .satisfies(r -> assertThat(r.path("tags").path("bot_id").asString()).isEqualTo(bot.botUserId));
        assertThat(roles).filteredOn(r -> !r.path("id").asString().equals(botRoleId))
                .allSatisfy(r -> assertThat(r.has("tags")).as("tags of %s", r).isFalse());
    }

    @Test
    void aChannelDenyingTheBotsRoleViewIsNeitherCachedNorDelivered() throws Exception {
        String hidden = owner.createTextChannel("staff-only", List.of(OwnerRest.overwrite(botRoleId, OwnerRest.ROLE, 0, VIEW)));
        String visible = owner.createTextChannel("lobby", List.of());

        OwnerRest.awaitTextChannel(bot.jda, visible);

        assertThat(bot.jda.getTextChannelById(hidden)).as("the hidden channel in JDA's cache").isNull();
        assertThat(bot.jda.getGuildChannelById(hidden)).isNull();
        RestClient.Response refused = bot.rest.call("GET", "/channels/" + hidden, "Bot " + bot.botToken, null);
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.body().path("code").asInt()).isEqualTo(50001);
        assertMessagesThereNeverArrive(hidden, "staff note");
    }

    @Test
    void sendingToAReadOnlyChannelIsRefusedByJdaAndByTheServer() throws Exception {
        String readOnlyId = owner.createTextChannel("read-only", List.of(OwnerRest.overwrite(botRoleId, OwnerRest.ROLE, 0, SEND)));
        TextChannel readOnly = OwnerRest.awaitTextChannel(bot.jda, readOnlyId);

        assertThat(bot.jda.getGuildById(bot.guildId).getSelfMember().hasPermission(readOnly, Permission.MESSAGE_SEND)).isFalse();
        assertThatThrownBy(() -> readOnly.sendMessage("let me in").complete())
                .isInstanceOfSatisfying(InsufficientPermissionException.class,
                        e -> assertThat(e.getPermission()).isEqualTo(Permission.MESSAGE_SEND));

        RestClient.Response raw = bot.rest.call("POST", "/channels/" + readOnlyId + "/messages", "Bot " + bot.botToken,
                Json.write(Map.of("content", "let me in anyway")));

        assertThat(raw.status()).as("%s", raw).isEqualTo(403);
        assertThat(raw.body().path("code").asInt()).isEqualTo(50013);
        assertThat(raw.body().path("message").asString()).isEqualTo("Missing Permissions");
        JsonNode history = owner.history(readOnlyId, 10);
        assertThat(history).as("messages stored in the read-only channel: %s", history).isEmpty();
    }

    @Test
    void aLiveOverwriteDenyingViewTakesTheChannelAwayAndRemovingItBringsItBack() throws Exception {
        String channelId = owner.createTextChannel("ops", List.of());
        OwnerRest.awaitTextChannel(bot.jda, channelId);

        var gone = JdaEvents.next(bot.jda, ChannelDeleteEvent.class, e -> e.getChannel().getId().equals(channelId));
        owner.putOverwrite(channelId, bot.botUserId, OwnerRest.MEMBER, 0, VIEW);

        JdaEvents.await(gone, "ChannelDeleteEvent");
        assertThat(bot.jda.getTextChannelById(channelId)).isNull();
        assertMessagesThereNeverArrive(channelId, "ops while hidden");

        var back = JdaEvents.next(bot.jda, ChannelCreateEvent.class, e -> e.getChannel().getId().equals(channelId));
        owner.deleteOverwrite(channelId, bot.botUserId);

        JdaEvents.await(back, "ChannelCreateEvent");
        assertThat(bot.jda.getTextChannelById(channelId)).isNotNull();
        var received = JdaEvents.next(bot.jda, MessageReceivedEvent.class, e -> e.getChannel().getId().equals(channelId));
        String messageId = owner.post(channelId, "ops visible again").path("id").asString();
        MessageReceivedEvent event = JdaEvents.await(received, "MessageReceivedEvent in the restored channel");
        assertThat(event.getMessageId()).isEqualTo(messageId);
        assertThat(event.getMessage().getContentRaw()).isEqualTo("ops visible again");
    }

    @Test
    void withoutMessageContentIntentABotGetsEmptyContentUnlessMentioned() throws Exception {
        try (ConcordBot.OtherBot quiet = bot.addBot("Quiet Bot", BOT_PERMISSIONS, EnumSet.of(GatewayIntent.GUILD_MESSAGES))) {
            OwnerRest.awaitTextChannel(quiet.jda(), bot.generalChannelId);

            var quietFirst = JdaEvents.first(quiet.jda(), MessageReceivedEvent.class);
            var fullFirst = JdaEvents.first(bot.jda, MessageReceivedEvent.class);
            String plainId = owner.post(bot.generalChannelId, "the plan is secret").path("id").asString();

            MessageReceivedEvent blanked = JdaEvents.await(quietFirst, "MessageReceivedEvent without MESSAGE_CONTENT");
            assertThat(blanked.getMessageId()).isEqualTo(plainId);
            assertThat(blanked.getMessage().getContentRaw()).isEmpty();
            MessageReceivedEvent full = JdaEvents.await(fullFirst, "MessageReceivedEvent with MESSAGE_CONTENT");
            assertThat(full.getMessageId()).isEqualTo(plainId);
            assertThat(full.getMessage().getContentRaw()).isEqualTo("the plan is secret");

            var mentionedFirst = JdaEvents.first(quiet.jda(), MessageReceivedEvent.class);
            String mention = "<@" + quiet.userId() + "> the plan is for you";
            String mentionId = owner.post(bot.generalChannelId, mention).path("id").asString();

            MessageReceivedEvent mentioned = JdaEvents.await(mentionedFirst, "MessageReceivedEvent mentioning the bot");
            assertThat(mentioned.getMessageId()).isEqualTo(mentionId);
            assertThat(mentioned.getMessage().getContentRaw()).isEqualTo(mention);
            assertThat(mentioned.getMessage().getMentions().isMentioned(quiet.jda().getSelfUser())).isTrue();
        }
    }
}
