package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.json.Json;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.BulkBanResponse;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.UserSnowflake;
import net.dv8tion.jda.api.events.guild.GuildBanEvent;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.events.guild.GuildUnbanEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberRemoveEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A moderation bot written against Discord works unchanged: JDA kicks with a reason, bans with
 * message deletion, reads and lifts bans, bulk-bans and times members out, and hears GUILD_BAN_ADD,
 * GUILD_BAN_REMOVE and GUILD_MEMBER_REMOVE; a banned bot's own session loses the guild at once.
 */
class JdaModerationTest {
    private static final int API_NODE_ID = 360;
    private static final int WS_NODE_ID = 361;
    private static final long BOT_PERMISSIONS = Permission.getRaw(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.MESSAGE_HISTORY, Permission.KICK_MEMBERS, Permission.BAN_MEMBERS, Permission.MODERATE_MEMBERS,
            Permission.MANAGE_SERVER);
    private static ConcordBot bot;
    private static OwnerRest owner;

    @BeforeAll
    static void start() throws Exception {
        bot = ConcordBot.start(API_NODE_ID, WS_NODE_ID, BOT_PERMISSIONS, EnumSet.of(GatewayIntent.GUILD_MESSAGES,
                GatewayIntent.GUILD_MEMBERS, GatewayIntent.GUILD_MODERATION));
        owner = new OwnerRest(bot);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bot != null) bot.close();
    }

    private static Guild guild() {
        return bot.jda.getGuildById(bot.guildId);
    }

    /** A new user who joined through an invite: their token and id. */
    private record Joined(String token, String id) {}

    private static Joined join(String name) {
        String token = owner.joinNewUser(name, bot.generalChannelId);
        return new Joined(token, OwnerRest.ok(bot.rest.call("GET", "/users/@me", token, null), 200).path("id").asString());
    }

    private static RestClient.Response send(Joined user, String content) {
        return bot.rest.call("POST", "/channels/" + bot.generalChannelId + "/messages", user.token(), Json.write(Map.of("content", content)));
    }

    private static int memberStatus(String userId) {
        return bot.rest.call("GET", "/guilds/" + bot.guildId + "/members/" + userId, bot.ownerToken, null).status();
    }

    @Test
    void aKickWithAReasonRemovesTheMemberAndJdaHearsIt() throws Exception {
        Joined member = join("kickee");
        var removed = JdaEvents.next(bot.jda, GuildMemberRemoveEvent.class, e -> e.getUser().getId().equals(member.id()));

        guild().kick(UserSnowflake.fromId(member.id())).reason("testing kicks").complete();

        GuildMemberRemoveEvent event = JdaEvents.await(removed, "GuildMemberRemoveEvent");
        assertThat(event.getGuild().getId()).isEqualTo(bot.guildId);
        assertThat(event.getUser().getName()).isEqualTo("kickee");
        assertThat(memberStatus(member.id())).isEqualTo(404);
    }

    @Test
    void aBanDeletesTheDaysMessagesIsListedAndCanBeLifted() throws Exception {
        Joined member = join("spammer");
        String spam = OwnerRest.ok(send(member, "buy now"), 200).path("id").asString();
        OwnerRest.ok(send(member, "buy twice"), 200);
        var banned = JdaEvents.next(bot.jda, GuildBanEvent.class, e -> e.getUser().getId().equals(member.id()));
        var removed = JdaEvents.next(bot.jda, GuildMemberRemoveEvent.class, e -> e.getUser().getId().equals(member.id()));

        guild().ban(UserSnowflake.fromId(member.id()), 1, TimeUnit.DAYS).reason("spam").complete();

        assertThat(JdaEvents.await(banned, "GuildBanEvent").getGuild().getId()).isEqualTo(bot.guildId);
        JdaEvents.await(removed, "GuildMemberRemoveEvent of the banned member");
        JsonNode history = owner.history(bot.generalChannelId, 100);
        assertThat(StreamSupport.stream(history.spliterator(), false).map(m -> m.path("id").asString())).doesNotContain(spam);
        assertThat(StreamSupport.stream(history.spliterator(), false).map(m -> m.path("content").asString()))
                .doesNotContain("buy now", "buy twice");
        List<Guild.Ban> bans = guild().retrieveBanList().complete();
        assertThat(bans).filteredOn(b -> b.getUser().getId().equals(member.id())).singleElement()
                .satisfies(b -> assertThat(b.getReason()).isEqualTo("spam"));
        assertThat(guild().retrieveBan(UserSnowflake.fromId(member.id())).complete().getReason()).isEqualTo("spam");
        String code = OwnerRest.ok(bot.rest.call("POST", "/channels/" + bot.generalChannelId + "/invites", bot.ownerToken, "{}"), 200)
                .path("code").asString();
        RestClient.Response rejoin = bot.rest.call("POST", "/invites/" + code, member.token(), null);
        assertThat(rejoin.status()).as("%s", rejoin).isEqualTo(403);
        assertThat(rejoin.body().path("code").asInt()).isEqualTo(40007);

        var unbanned = JdaEvents.next(bot.jda, GuildUnbanEvent.class, e -> e.getUser().getId().equals(member.id()));
        guild().unban(UserSnowflake.fromId(member.id())).complete();

        JdaEvents.await(unbanned, "GuildUnbanEvent");
        assertThat(guild().retrieveBanList().complete()).noneMatch(b -> b.getUser().getId().equals(member.id()));
        assertThat(bot.rest.call("POST", "/invites/" + code, member.token(), null).status()).isEqualTo(200);
    }

    @Test
    void aBulkBanAnswersWhoWasBannedAndWhoWasNot() throws Exception {
        Joined first = join("raider_one");
        Joined second = join("raider_two");
        Joined earlier = join("raider_zero");
        OwnerRest.ok(bot.rest.call("PUT", "/guilds/" + bot.guildId + "/bans/" + earlier.id(), bot.ownerToken, "{}"), 204);

        BulkBanResponse response = guild().ban(List.of(UserSnowflake.fromId(first.id()), UserSnowflake.fromId(second.id()),
                UserSnowflake.fromId(earlier.id())), Duration.ZERO).reason("raid").complete();

        assertThat(response.getBannedUsers()).extracting(UserSnowflake::getId).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(response.getFailedUsers()).extracting(UserSnowflake::getId).containsExactly(earlier.id());
        assertThat(memberStatus(first.id())).isEqualTo(404);
        assertThat(memberStatus(second.id())).isEqualTo(404);
    }

    @Test
    void aTimedOutMemberCannotSendUntilTheTimeoutIsRemoved() throws Exception {
        Joined member = join("loud");

        guild().timeoutFor(UserSnowflake.fromId(member.id()), Duration.ofMinutes(10)).reason("cool down").complete();

        assertThat(guild().retrieveMemberById(member.id()).complete().isTimedOut()).isTrue();
        RestClient.Response refused = send(member, "still talking");
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.body().path("code").asInt()).isEqualTo(50013);

        guild().removeTimeout(UserSnowflake.fromId(member.id())).complete();

        assertThat(send(member, "calm now").status()).isEqualTo(200);
    }

    @Test
    void aBannedBotsOwnSessionLosesTheGuildAtOnce() throws Exception {
        try (ConcordBot.OtherBot victim = bot.addBot("Victim Bot", Permission.getRaw(Permission.VIEW_CHANNEL),
                EnumSet.of(GatewayIntent.GUILD_MESSAGES))) {
            OwnerRest.await(() -> victim.jda().getGuildById(bot.guildId), "the guild in the victim's cache");
            var left = JdaEvents.next(victim.jda(), GuildLeaveEvent.class, e -> e.getGuild().getId().equals(bot.guildId));
            var banned = JdaEvents.next(bot.jda, GuildBanEvent.class, e -> e.getUser().getId().equals(victim.userId()));

            guild().ban(UserSnowflake.fromId(victim.userId()), 0, TimeUnit.SECONDS).complete();

            JdaEvents.await(left, "GuildLeaveEvent of the banned bot");
            JdaEvents.await(banned, "GuildBanEvent");
            assertThat(victim.jda().getGuildById(bot.guildId)).isNull();
        }
    }
}
