package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.ApplicationInfo;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An unmodified JDA 6.5.0 bot logs in to Concord, sees its guild as Discord would show it, and talks. */
class JdaBotLoginTest {
    private static final int API_NODE_ID = 940;
    private static final int WS_NODE_ID = 941;
    private static final long BOT_PERMISSIONS = Permission.getRaw(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.MESSAGE_HISTORY, Permission.MESSAGE_ADD_REACTION, Permission.MESSAGE_MANAGE);
    private static ConcordBot bot;

    @BeforeAll
    static void start() throws Exception {
        bot = ConcordBot.start(API_NODE_ID, WS_NODE_ID, BOT_PERMISSIONS, EnumSet.of(GatewayIntent.GUILD_MESSAGES,
                GatewayIntent.MESSAGE_CONTENT, GatewayIntent.GUILD_MEMBERS, GatewayIntent.GUILD_MESSAGE_REACTIONS));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bot != null) bot.close();
    }

    @Test
    void theBotIsItselfAndKnowsItsApplication() {
        JDA jda = bot.jda;

        assertThat(jda.getStatus()).isEqualTo(JDA.Status.CONNECTED);
        assertThat(jda.getSelfUser().getId()).isEqualTo(bot.botUserId);
        assertThat(jda.getSelfUser().getName()).isEqualTo(bot.botUsername);
        assertThat(jda.getSelfUser().isBot()).isTrue();
        assertThat(jda.getSelfUser().getApplicationId()).isEqualTo(bot.applicationId);
        ApplicationInfo info = jda.retrieveApplicationInfo().complete();
        assertThat(info.getId()).isEqualTo(bot.applicationId);
        assertThat(info.getName()).isEqualTo("Acceptance Bot");
        assertThat(info.isBotPublic()).isTrue();
    }

    @Test
    void theBotSeesItsGuildWithChannelsRolesAndItsOwnMember() {
        Guild guild = bot.jda.getGuildById(bot.guildId);

        assertThat(guild).as("the guild the bot was added to").isNotNull();
        assertThat(guild.getTextChannels()).extracting(TextChannel::getId).contains(bot.generalChannelId);
        assertThat(guild.getPublicRole().getId()).isEqualTo(bot.guildId);
        Member self = guild.getSelfMember();
        assertThat(self.getId()).isEqualTo(bot.botUserId);
        Role managed = self.getRoles().stream().filter(Role::isManaged).findFirst().orElseThrow();
        assertThat(managed.getTags().getBotId()).as("role tags name the bot").isEqualTo(bot.botUserId);
        assertThat(managed.getName()).isEqualTo(bot.botUsername);
        assertThat(managed.getPermissionsRaw()).isEqualTo(BOT_PERMISSIONS);
        assertThat(guild.getRoles()).contains(managed);
        assertThat(self.hasPermission(guild.getTextChannelById(bot.generalChannelId), Permission.MESSAGE_SEND)).isTrue();
    }

    @Test
    void aGuildTheBotIsAddedToWhileOnlineArrivesWithItsManagedRole() throws Exception {
        CompletableFuture<Guild> joined = new CompletableFuture<>();
        EventListener listener = event -> {
            if (event instanceof GuildJoinEvent join) joined.complete(join.getGuild());
        };
        bot.jda.addEventListener(listener);
        try {
            String guildId = bot.rest.call("POST", "/guilds", bot.ownerToken, "{\"name\":\"Second guild\"}").body().path("id").asString();
            bot.authorize(guildId, Permission.getRaw(Permission.VIEW_CHANNEL));

            Guild guild = joined.get(ConcordBot.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(guild.getId()).isEqualTo(guildId);
            assertThat(guild.getSelfMember().getRoles()).singleElement().satisfies(role -> {
                assertThat(role.isManaged()).isTrue();
                assertThat(role.getPermissionsRaw()).isEqualTo(Permission.getRaw(Permission.VIEW_CHANNEL));
            });
        } finally {
            bot.jda.removeEventListener(listener);
        }
    }

    @Test
    void aMessageTheBotSendsShowsUpInRestHistory() {
        TextChannel general = bot.jda.getTextChannelById(bot.generalChannelId);

        Message sent = general.sendMessage("hello from JDA").complete();

        assertThat(sent.getAuthor().getId()).isEqualTo(bot.botUserId);
        assertThat(sent.getContentRaw()).isEqualTo("hello from JDA");
        JsonNode history = bot.rest.call("GET", "/channels/" + bot.generalChannelId + "/messages?limit=10", bot.ownerToken, null).body();
        assertThat(history.findValuesAsString("id")).contains(sent.getId());
        JsonNode mine = history.get(0);
        assertThat(mine.path("id").asString()).isEqualTo(sent.getId());
        assertThat(mine.path("content").asString()).isEqualTo("hello from JDA");
        assertThat(mine.path("author").path("id").asString()).isEqualTo(bot.botUserId);
        assertThat(mine.path("author").path("bot").asBoolean()).isTrue();
    }
}
