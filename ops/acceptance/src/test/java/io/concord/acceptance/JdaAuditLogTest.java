package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.audit.ActionType;
import net.dv8tion.jda.api.audit.AuditLogEntry;
import net.dv8tion.jda.api.audit.AuditLogKey;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.UserSnowflake;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.guild.GuildAuditLogEntryCreateEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.restaction.pagination.PaginationAction.PaginationOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bot with VIEW_AUDIT_LOG acts with {@code .reason(...)} and reads the audit log through JDA's own
 * parser: action types, actors, targets, reasons and changes as JDA understands them, filtered by
 * type and by user, newest first and (JDA's forward order) oldest first; and it receives the
 * GUILD_AUDIT_LOG_ENTRY_CREATE of its own action.
 */
class JdaAuditLogTest {
    private static final int API_NODE_ID = 380;
    private static final int WS_NODE_ID = 381;
    private static final String REASON = "Tidying up: 100% ✓ & more";
    private static final long BOT_PERMISSIONS = Permission.getRaw(Permission.VIEW_AUDIT_LOGS, Permission.MANAGE_CHANNEL,
            Permission.MANAGE_ROLES, Permission.VIEW_CHANNEL, Permission.NICKNAME_CHANGE);
    private static ConcordBot bot;
    private static Guild guild;
    private static Role role;
    private static TextChannel channel;
    private static AuditLogEntry announced;

    @BeforeAll
    static void start() throws Exception {
        bot = ConcordBot.start(API_NODE_ID, WS_NODE_ID, BOT_PERMISSIONS, EnumSet.of(GatewayIntent.GUILD_MODERATION));
        guild = bot.jda.getGuildById(bot.guildId);
        var created = JdaEvents.next(bot.jda, GuildAuditLogEntryCreateEvent.class, e -> e.getEntry().getType() == ActionType.ROLE_CREATE);
        role = guild.createRole().setName("jda-mods").reason(REASON).complete();
        announced = JdaEvents.await(created, "GuildAuditLogEntryCreateEvent").getEntry();
        channel = guild.createTextChannel("jda-audit").reason(REASON).complete();
        channel.getManager().setTopic("house rules").setSlowmode(10).reason(REASON).complete();
        role.getManager().setName("jda-moderators").reason(REASON).complete();
        guild.addRoleToMember(guild.getSelfMember(), role).reason(REASON).complete();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bot != null) bot.close();
    }

    private static AuditLogEntry only(List<AuditLogEntry> entries, ActionType type) {
        List<AuditLogEntry> found = entries.stream().filter(e -> e.getType() == type).toList();
        assertThat(found).as("%s entries", type).hasSize(1);
        return found.getFirst();
    }

    @Test
    void jdaParsesEveryEntryWithItsTypeActorTargetReasonAndChanges() {
        List<AuditLogEntry> entries = guild.retrieveAuditLogs().complete();

        assertThat(entries).extracting(AuditLogEntry::getType).containsSubsequence(ActionType.MEMBER_ROLE_UPDATE,
                ActionType.ROLE_UPDATE, ActionType.CHANNEL_UPDATE, ActionType.CHANNEL_CREATE, ActionType.ROLE_CREATE, ActionType.BOT_ADD);
        for (AuditLogEntry e : entries.subList(0, 5)) {
            assertThat(e.getUserId()).as("actor of %s", e).isEqualTo(bot.botUserId);
            assertThat(e.getUser()).as("the actor from the answer's users").isNotNull();
            assertThat(e.getReason()).as("reason of %s", e).isEqualTo(REASON);
        }

        AuditLogEntry createdRole = only(entries, ActionType.ROLE_CREATE);
        assertThat(createdRole.getTargetId()).isEqualTo(role.getId());
        assertThat(createdRole.getChangeByKey(AuditLogKey.ROLE_NAME).<String>getNewValue()).isEqualTo("jda-mods");
        assertThat(createdRole.getIdLong()).isEqualTo(announced.getIdLong());

        AuditLogEntry createdChannel = only(entries, ActionType.CHANNEL_CREATE);
        assertThat(createdChannel.getTargetId()).isEqualTo(channel.getId());
        assertThat(createdChannel.getChangeByKey(AuditLogKey.CHANNEL_NAME).<String>getNewValue()).isEqualTo("jda-audit");

        AuditLogEntry editedChannel = only(entries, ActionType.CHANNEL_UPDATE);
        assertThat(editedChannel.getChanges().keySet()).containsExactlyInAnyOrder("topic", "rate_limit_per_user");
        assertThat(editedChannel.getChangeByKey(AuditLogKey.CHANNEL_TOPIC).<String>getNewValue()).isEqualTo("house rules");
        assertThat(editedChannel.getChangeByKey(AuditLogKey.CHANNEL_SLOWMODE).<Number>getOldValue().intValue()).isZero();
        assertThat(editedChannel.getChangeByKey(AuditLogKey.CHANNEL_SLOWMODE).<Number>getNewValue().intValue()).isEqualTo(10);

        AuditLogEntry renamed = only(entries, ActionType.ROLE_UPDATE);
        assertThat(renamed.getChangeByKey(AuditLogKey.ROLE_NAME).<String>getOldValue()).isEqualTo("jda-mods");
        assertThat(renamed.getChangeByKey(AuditLogKey.ROLE_NAME).<String>getNewValue()).isEqualTo("jda-moderators");

        AuditLogEntry granted = only(entries, ActionType.MEMBER_ROLE_UPDATE);
        assertThat(granted.getTargetId()).isEqualTo(bot.botUserId);
        List<Map<String, Object>> added = granted.getChangeByKey(AuditLogKey.MEMBER_ROLES_ADD).getNewValue();
        assertThat(added).singleElement().satisfies(r -> assertThat(r).containsEntry("id", role.getId()).containsEntry("name", "jda-moderators"));

        AuditLogEntry botAdd = only(entries, ActionType.BOT_ADD);
        assertThat(botAdd.getTargetId()).isEqualTo(bot.botUserId);
        assertThat(botAdd.getUserId()).isNotEqualTo(bot.botUserId);
    }

    @Test
    void jdaFiltersByTypeAndByUser() {
        List<AuditLogEntry> creates = guild.retrieveAuditLogs().type(ActionType.CHANNEL_CREATE).complete();
        assertThat(creates).singleElement().satisfies(e -> assertThat(e.getTargetId()).isEqualTo(channel.getId()));

        List<AuditLogEntry> byBot = guild.retrieveAuditLogs().user(UserSnowflake.fromId(bot.botUserId)).complete();
        assertThat(byBot).hasSize(5).allSatisfy(e -> assertThat(e.getUserId()).isEqualTo(bot.botUserId));

        List<AuditLogEntry> byOwner = guild.retrieveAuditLogs().user(UserSnowflake.fromId(only(guild.retrieveAuditLogs().complete(),
                ActionType.BOT_ADD).getUserId())).complete();
        assertThat(byOwner).extracting(AuditLogEntry::getType).containsExactly(ActionType.BOT_ADD);
    }

    @Test
    void jdaPagesForwardFromTheOldestEntry() {
        List<AuditLogEntry> newestFirst = guild.retrieveAuditLogs().complete();
        List<AuditLogEntry> oldestFirst = guild.retrieveAuditLogs().order(PaginationOrder.FORWARD).complete();

        assertThat(oldestFirst).extracting(AuditLogEntry::getIdLong)
                .containsExactlyElementsOf(newestFirst.reversed().stream().map(AuditLogEntry::getIdLong).toList());
        assertThat(oldestFirst.getFirst().getType()).isEqualTo(ActionType.BOT_ADD);
    }
}
