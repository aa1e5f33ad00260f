package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.json.Json;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.channel.ChannelCreateEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberJoinEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.role.RoleCreateEvent;
import net.dv8tion.jda.api.events.user.UserTypingEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What another user does over REST reaches the JDA bot live, as the listener events JDA defines for it. */
class JdaLiveEventsTest {
    private static final int API_NODE_ID = 952;
    private static final int WS_NODE_ID = 953;
    private static final long BOT_PERMISSIONS = Permission.getRaw(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.MESSAGE_HISTORY, Permission.MESSAGE_ADD_REACTION);
    private static ConcordBot bot;
    private static OwnerRest owner;
    private static String ownerId;

    @BeforeAll
    static void start() throws Exception {
        bot = ConcordBot.start(API_NODE_ID, WS_NODE_ID, BOT_PERMISSIONS, EnumSet.of(GatewayIntent.GUILD_MESSAGES,
                GatewayIntent.MESSAGE_CONTENT, GatewayIntent.GUILD_MEMBERS, GatewayIntent.GUILD_MESSAGE_REACTIONS,
                GatewayIntent.GUILD_MESSAGE_TYPING));
        owner = new OwnerRest(bot);
        ownerId = OwnerRest.ok(bot.rest.call("GET", "/users/@me", bot.ownerToken, null), 200).path("id").asString();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bot != null) bot.close();
    }

    private static String general() {
        return bot.generalChannelId;
    }

    @Test
    void theOwnersMessageArrivesWithContentAuthorAndMember() throws Exception {
        var received = JdaEvents.next(bot.jda, MessageReceivedEvent.class, e -> e.getMessage().getContentRaw().equals("hello bot"));

        String messageId = owner.post(general(), "hello bot").path("id").asString();

        MessageReceivedEvent event = JdaEvents.await(received, "MessageReceivedEvent");
        assertThat(event.getMessageId()).isEqualTo(messageId);
        assertThat(event.getChannel().getId()).isEqualTo(general());
        assertThat(event.isFromGuild()).isTrue();
        assertThat(event.getGuild().getId()).isEqualTo(bot.guildId);
        assertThat(event.getAuthor().getId()).isEqualTo(ownerId);
        assertThat(event.getAuthor().getName()).isEqualTo("owner");
        assertThat(event.getAuthor().isBot()).isFalse();
        assertThat(event.getMember()).isNotNull();
        assertThat(event.getMember().getId()).isEqualTo(ownerId);
        assertThat(event.getMember().isOwner()).isTrue();
    }

    @Test
    void anEditAndADeleteByTheOwnerArriveAsUpdateAndDeleteEvents() throws Exception {
        var received = JdaEvents.next(bot.jda, MessageReceivedEvent.class, e -> e.getMessage().getContentRaw().equals("typo"));
        String messageId = owner.post(general(), "typo").path("id").asString();
        JdaEvents.await(received, "MessageReceivedEvent");

        var updated = JdaEvents.next(bot.jda, MessageUpdateEvent.class, e -> e.getMessageId().equals(messageId));
        OwnerRest.ok(bot.rest.call("PATCH", "/channels/" + general() + "/messages/" + messageId, bot.ownerToken,
                Json.write(Map.of("content", "fixed"))), 200);
        MessageUpdateEvent update = JdaEvents.await(updated, "MessageUpdateEvent");
        assertThat(update.getMessage().getContentRaw()).isEqualTo("fixed");
        assertThat(update.getMessage().isEdited()).isTrue();
        assertThat(update.getAuthor().getId()).isEqualTo(ownerId);

        var deleted = JdaEvents.next(bot.jda, MessageDeleteEvent.class, e -> e.getMessageId().equals(messageId));
        OwnerRest.ok(bot.rest.call("DELETE", "/channels/" + general() + "/messages/" + messageId, bot.ownerToken, null), 204);
        MessageDeleteEvent delete = JdaEvents.await(deleted, "MessageDeleteEvent");
        assertThat(delete.getChannel().getId()).isEqualTo(general());
        assertThat(delete.getGuild().getId()).isEqualTo(bot.guildId);
    }

    @Test
    void theOwnersReactionArrivesAsAReactionAddEvent() throws Exception {
        String messageId = bot.jda.getTextChannelById(general()).sendMessage("react here").complete().getId();
        var reacted = JdaEvents.next(bot.jda, MessageReactionAddEvent.class, e -> e.getMessageId().equals(messageId));

        OwnerRest.ok(bot.rest.call("PUT", "/channels/" + general() + "/messages/" + messageId + "/reactions/%F0%9F%91%8D/@me",
                bot.ownerToken, null), 204);

        MessageReactionAddEvent event = JdaEvents.await(reacted, "MessageReactionAddEvent");
        assertThat(event.getEmoji()).isEqualTo(Emoji.fromUnicode("👍"));
        assertThat(event.getUserId()).isEqualTo(ownerId);
        assertThat(event.getChannel().getId()).isEqualTo(general());
        assertThat(event.getGuild().getId()).isEqualTo(bot.guildId);
        assertThat(event.getMessageAuthorId()).isEqualTo(bot.botUserId);
    }

    @Test
    void aRoleTheOwnerCreatesArrivesAsARoleCreateEvent() throws Exception {
        var created = JdaEvents.next(bot.jda, RoleCreateEvent.class, e -> e.getRole().getName().equals("moderators"));

        JsonNode role = OwnerRest.ok(bot.rest.call("POST", "/guilds/" + bot.guildId + "/roles", bot.ownerToken,
                Json.write(Map.of("name", "moderators", "permissions", Long.toString(Permission.getRaw(Permission.MESSAGE_MANAGE))))), 200);

        RoleCreateEvent event = JdaEvents.await(created, "RoleCreateEvent");
        assertThat(event.getRole().getId()).isEqualTo(role.path("id").asString());
        assertThat(event.getRole().getPermissionsRaw()).isEqualTo(Permission.getRaw(Permission.MESSAGE_MANAGE));
        assertThat(event.getGuild().getId()).isEqualTo(bot.guildId);
        assertThat(bot.jda.getRoleById(role.path("id").asString())).isNotNull();
    }

    @Test
    void aChannelTheOwnerCreatesArrivesAsAChannelCreateEvent() throws Exception {
        var created = JdaEvents.next(bot.jda, ChannelCreateEvent.class, e -> e.getChannel().getName().equals("announcements"));

        String channelId = owner.createTextChannel("announcements", List.of());

        ChannelCreateEvent event = JdaEvents.await(created, "ChannelCreateEvent");
        assertThat(event.getChannel().getId()).isEqualTo(channelId);
        assertThat(event.getChannelType()).isEqualTo(ChannelType.TEXT);
        assertThat(event.getGuild().getId()).isEqualTo(bot.guildId);
        assertThat(bot.jda.getTextChannelById(channelId)).isNotNull();
    }

    @Test
    void aUserJoiningByInviteArrivesAsAGuildMemberJoinEvent() throws Exception {
        var joined = JdaEvents.next(bot.jda, GuildMemberJoinEvent.class, e -> e.getUser().getName().equals("newcomer"));

        String token = owner.joinNewUser("newcomer", general());

        GuildMemberJoinEvent event = JdaEvents.await(joined, "GuildMemberJoinEvent");
        String newcomerId = OwnerRest.ok(bot.rest.call("GET", "/users/@me", token, null), 200).path("id").asString();
        assertThat(event.getMember().getId()).isEqualTo(newcomerId);
        assertThat(event.getGuild().getId()).isEqualTo(bot.guildId);
        assertThat(event.getMember().getRoles()).isEmpty();
        assertThat(event.getMember().getTimeJoined()).isNotNull();
    }

    @Test
    void theOwnerTypingArrivesAsAUserTypingEvent() throws Exception {
        var typing = JdaEvents.next(bot.jda, UserTypingEvent.class, e -> e.getUser().getId().equals(ownerId));

        OwnerRest.ok(bot.rest.call("POST", "/channels/" + general() + "/typing", bot.ownerToken, null), 204);

        UserTypingEvent event = JdaEvents.await(typing, "UserTypingEvent");
        assertThat(event.getChannel().getId()).isEqualTo(general());
        assertThat(event.getGuild()).isNotNull();
        assertThat(event.getGuild().getId()).isEqualTo(bot.guildId);
        assertThat(event.getMember()).isNotNull();
        assertThat(event.getTimestamp()).isNotNull();
    }
}
