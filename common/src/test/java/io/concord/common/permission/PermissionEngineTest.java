package io.concord.common.permission;

import static io.concord.common.permission.Permission.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.permission.GuildAccess.MemberAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One test per rule of discord-api.md section 2.1, each with concrete bitsets. */
class PermissionEngineTest {
    static final long GUILD = 100;
    static final long OWNER = 1;
    static final long USER = 2;
    static final long OTHER_USER = 3;
    static final long ROLE_A = 201;
    static final long ROLE_B = 202;
    static final long ROLE_C = 203;
    static final long CHANNEL = 300;
    static final long OTHER_CHANNEL = 301;
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    static GuildAccess guild(Map<Long, Long> rolePermissions, List<Overwrite> overwrites) {
        return new GuildAccess(GUILD, OWNER, rolePermissions, Map.of(CHANNEL, overwrites, OTHER_CHANNEL, List.of()));
    }

    static MemberAccess member(Long... roles) {
        return new MemberAccess(USER, Set.of(roles));
    }

    static Overwrite role(long id, long allow, long deny) {
        return new Overwrite(id, Overwrite.ROLE, allow, deny);
    }

    static Overwrite user(long id, long allow, long deny) {
        return new Overwrite(id, Overwrite.MEMBER, allow, deny);
    }

    // --- owner and ADMINISTRATOR -------------------------------------------------------------

    @Test
    void ownerGetsAllEvenWhenEveryOverwriteDeniesEverything() {
        GuildAccess g = guild(Map.of(GUILD, 0L),
                List.of(role(GUILD, 0, ALL), user(OWNER, 0, ALL)));
        MemberAccess owner = new MemberAccess(OWNER, Set.of());

        assertThat(g.guildPermissions(owner, NOW)).isEqualTo(ALL);
        assertThat(g.channelPermissions(owner, CHANNEL, NOW)).isEqualTo(ALL);
        assertThat(g.canView(owner, CHANNEL, NOW)).isTrue();
    }

    @Test
    void administratorFromAnyOneRoleGivesAll() {
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL, ROLE_A, SEND_MESSAGES, ROLE_B, ADMINISTRATOR), List.of());

        assertThat(g.guildPermissions(member(ROLE_A, ROLE_B), NOW)).isEqualTo(ALL);
        assertThat(g.guildPermissions(member(ROLE_A), NOW)).isEqualTo(VIEW_CHANNEL | SEND_MESSAGES);
    }

    @Test
    void administratorOnEveryoneGivesAllToEveryMember() {
        GuildAccess g = guild(Map.of(GUILD, ADMINISTRATOR), List.of());

        assertThat(g.guildPermissions(member(), NOW)).isEqualTo(ALL);
    }

    @Test
    void overwritesCannotRevokeAdministrator() {
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL, ROLE_A, ADMINISTRATOR),
                List.of(role(GUILD, 0, ALL), role(ROLE_A, 0, ALL), user(USER, 0, ALL)));

        assertThat(g.channelPermissions(member(ROLE_A), CHANNEL, NOW)).isEqualTo(ALL);
    }

    // --- guild level ---------------------------------------------------------------------------

    @Test
    void guildBaseIsEveryoneOrEachOfTheMembersRoles() {
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL | SEND_MESSAGES, ROLE_A, KICK_MEMBERS,
                ROLE_B, MANAGE_MESSAGES | SEND_MESSAGES, ROLE_C, BAN_MEMBERS), List.of());

        assertThat(g.guildPermissions(member(), NOW)).isEqualTo(VIEW_CHANNEL | SEND_MESSAGES);
        assertThat(g.guildPermissions(member(ROLE_A, ROLE_B), NOW))
                .isEqualTo(VIEW_CHANNEL | SEND_MESSAGES | KICK_MEMBERS | MANAGE_MESSAGES);
    }

    @Test
    void aRoleTheGuildDoesNotKnowAddsNothing() {
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL), List.of());

        assertThat(g.guildPermissions(member(999L), NOW)).isEqualTo(VIEW_CHANNEL);
    }

    // --- channel overwrites --------------------------------------------------------------------

    @Test
    void everyoneOverwriteDeniesThenAllows() {
        long base = VIEW_CHANNEL | SEND_MESSAGES | ADD_REACTIONS;
        List<Overwrite> ows = List.of(role(GUILD, SEND_MESSAGES | ATTACH_FILES, SEND_MESSAGES | ADD_REACTIONS));

        // allow is applied after deny, so SEND_MESSAGES (in both) stays
        assertThat(PermissionEngine.overwrites(base, GUILD, member(), ows))
                .isEqualTo(VIEW_CHANNEL | SEND_MESSAGES | ATTACH_FILES);
    }

    @Test
    void roleOverwritesAreAggregatedSoARoleAllowBeatsAnotherRolesDenyInEitherOrder() {
        Map<Long, Long> roles = Map.of(GUILD, VIEW_CHANNEL | SEND_MESSAGES);
        Overwrite aDenies = role(ROLE_A, 0, VIEW_CHANNEL);
        Overwrite bAllows = role(ROLE_B, VIEW_CHANNEL, 0);
        MemberAccess both = member(ROLE_A, ROLE_B);
        long expected = VIEW_CHANNEL | SEND_MESSAGES;

        assertThat(guild(roles, List.of(aDenies, bAllows)).channelPermissions(both, CHANNEL, NOW)).isEqualTo(expected);
        assertThat(guild(roles, List.of(bAllows, aDenies)).channelPermissions(both, CHANNEL, NOW)).isEqualTo(expected);
        assertThat(guild(roles, List.of(aDenies)).channelPermissions(both, CHANNEL, NOW)).isZero();
    }

    @Test
    void roleOverwriteAllowBeatsEveryoneOverwriteDeny() {
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL | SEND_MESSAGES),
                List.of(role(ROLE_A, SEND_MESSAGES, 0), role(GUILD, 0, SEND_MESSAGES)));

        assertThat(g.channelPermissions(member(ROLE_A), CHANNEL, NOW)).isEqualTo(VIEW_CHANNEL | SEND_MESSAGES);
        assertThat(g.channelPermissions(member(), CHANNEL, NOW)).isEqualTo(VIEW_CHANNEL);
    }

    @Test
    void theEveryoneOverwriteIsNotCountedAgainWhenTheMembersRolesListTheGuildId() {
        // were it aggregated with the role overwrites, its allow would beat role A's deny
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL | SEND_MESSAGES),
                List.of(role(GUILD, ATTACH_FILES, 0), role(ROLE_A, 0, ATTACH_FILES)));

        assertThat(g.channelPermissions(member(GUILD, ROLE_A), CHANNEL, NOW)).isEqualTo(VIEW_CHANNEL | SEND_MESSAGES);
    }

    @Test
    void roleOverwriteDenyRemovesAGuildLevelRolePermission() {
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL, ROLE_A, SEND_MESSAGES | ADD_REACTIONS),
                List.of(role(ROLE_A, 0, ADD_REACTIONS)));

        assertThat(g.channelPermissions(member(ROLE_A), CHANNEL, NOW)).isEqualTo(VIEW_CHANNEL | SEND_MESSAGES);
    }

    @Test
    void memberOverwriteIsAppliedLastAndBeatsRoleAllowAndDeny() {
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL | SEND_MESSAGES),
                List.of(
                        user(USER, ATTACH_FILES, SEND_MESSAGES), // listed first on purpose
                        role(ROLE_A, SEND_MESSAGES, ATTACH_FILES),
                        role(GUILD, ATTACH_FILES, 0)));

        // role A allows SEND but the member overwrite denies it; role A denies ATTACH but the member allows it
        assertThat(PermissionEngine.overwrites(VIEW_CHANNEL | SEND_MESSAGES, GUILD, member(ROLE_A), g.channelOverwrites().get(CHANNEL)))
                .isEqualTo(VIEW_CHANNEL | ATTACH_FILES);
    }

    @Test
    void anotherMembersOverwriteIsIgnored() {
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL | SEND_MESSAGES),
                List.of(user(OTHER_USER, MANAGE_MESSAGES, VIEW_CHANNEL)));

        assertThat(g.channelPermissions(member(), CHANNEL, NOW)).isEqualTo(VIEW_CHANNEL | SEND_MESSAGES);
    }

    @Test
    void roleOverwriteForARoleTheMemberDoesNotHaveIsIgnored() {
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL | SEND_MESSAGES, ROLE_C, 0L),
                List.of(role(ROLE_C, MANAGE_MESSAGES, VIEW_CHANNEL)));

        assertThat(g.channelPermissions(member(ROLE_A), CHANNEL, NOW)).isEqualTo(VIEW_CHANNEL | SEND_MESSAGES);
        assertThat(g.channelPermissions(member(ROLE_A, ROLE_C), CHANNEL, NOW)).isZero();
    }

    @Test
    void overwriteTypeDecidesWhetherTheIdIsARoleOrAMember() {
        // a role-typed overwrite whose id happens to be the user's id, and a member-typed one with the guild's id
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL | SEND_MESSAGES),
                List.of(role(USER, 0, VIEW_CHANNEL), user(GUILD, 0, SEND_MESSAGES)));

        assertThat(g.channelPermissions(member(), CHANNEL, NOW)).isEqualTo(VIEW_CHANNEL | SEND_MESSAGES);
    }

    @Test
    void overwritesOfOneChannelDoNotLeakIntoAnother() {
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL | SEND_MESSAGES), List.of(role(GUILD, 0, VIEW_CHANNEL)));

        assertThat(g.canView(member(), CHANNEL, NOW)).isFalse();
        assertThat(g.channelPermissions(member(), OTHER_CHANNEL, NOW)).isEqualTo(VIEW_CHANNEL | SEND_MESSAGES);
    }

    // --- implicit denials ----------------------------------------------------------------------

    @Test
    void withoutViewChannelEveryPermissionInTheChannelIsZero() {
        GuildAccess g = guild(Map.of(GUILD, DEFAULT_EVERYONE | MANAGE_MESSAGES | MANAGE_ROLES | KICK_MEMBERS),
                List.of(role(GUILD, 0, VIEW_CHANNEL)));

        assertThat(g.channelPermissions(member(), CHANNEL, NOW)).isZero();
        assertThat(g.canView(member(), CHANNEL, NOW)).isFalse();
        assertThat(PermissionEngine.implicit(DEFAULT_EVERYONE, ALL & ~VIEW_CHANNEL)).isZero();
    }

    @Test
    void withoutSendMessagesMentionEveryoneTtsAttachFilesAndEmbedLinksAreRemoved() {
        long dependents = MENTION_EVERYONE | SEND_TTS_MESSAGES | ATTACH_FILES | EMBED_LINKS;
        long everyone = VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | ADD_REACTIONS | dependents;
        GuildAccess g = guild(Map.of(GUILD, everyone), List.of(role(GUILD, 0, SEND_MESSAGES)));

        assertThat(g.channelPermissions(member(), CHANNEL, NOW))
                .isEqualTo(VIEW_CHANNEL | READ_MESSAGE_HISTORY | ADD_REACTIONS);
        assertThat(g.channelPermissions(member(), OTHER_CHANNEL, NOW)).isEqualTo(everyone);
    }

    @Test
    void implicitDenialsLeaveAFullSetUntouched() {
        assertThat(PermissionEngine.implicit(ALL, ALL)).isEqualTo(ALL);
        assertThat(PermissionEngine.implicit(0, VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS))
                .isEqualTo(VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS);
    }

    /**
     * ADMINISTRATOR in a channel overwrite "does nothing in practice" (discord-api-docs#640; JDA#827 and
     * discord.js#2756 stopped honouring it), and the API accepts it (GuildRoutes.overwrites does not mask it).
     */
    @Test
    void administratorGrantedByAnOverwriteDoesNotLiftTheImplicitDenials() {
        GuildAccess noView = guild(Map.of(GUILD, VIEW_CHANNEL | SEND_MESSAGES),
                List.of(user(USER, ADMINISTRATOR | MANAGE_MESSAGES, VIEW_CHANNEL)));
        GuildAccess noSend = guild(Map.of(GUILD, VIEW_CHANNEL | SEND_MESSAGES),
                List.of(role(ROLE_A, ADMINISTRATOR | MENTION_EVERYONE | ATTACH_FILES, SEND_MESSAGES)));

        assertThat(noView.channelPermissions(member(), CHANNEL, NOW)).isZero();
        assertThat(noSend.channelPermissions(member(ROLE_A), CHANNEL, NOW) & (MENTION_EVERYONE | ATTACH_FILES)).isZero();
    }

    @Test
    void administratorAllowedByAnOverwriteIsNotReportedSoNothingMistakesTheMemberForAnAdmin() {
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL | SEND_MESSAGES),
                List.of(role(ROLE_A, ADMINISTRATOR | ATTACH_FILES, 0), user(USER, ADMINISTRATOR, 0)));

        assertThat(g.channelPermissions(member(ROLE_A), CHANNEL, NOW)).isEqualTo(VIEW_CHANNEL | SEND_MESSAGES | ATTACH_FILES);
        assertThat(PermissionEngine.overwrites(VIEW_CHANNEL, GUILD, member(ROLE_A), g.channelOverwrites().get(CHANNEL)) & ADMINISTRATOR).isZero();
    }

    // --- timeouts ------------------------------------------------------------------------------

    static MemberAccess timedOut(long userId, Instant until, Long... roles) {
        return new MemberAccess(userId, Set.of(roles), until);
    }

    @Test
    void timedOutMemberKeepsOnlyViewChannelAndReadMessageHistory() {
        GuildAccess g = guild(Map.of(GUILD, DEFAULT_EVERYONE, ROLE_A, MANAGE_MESSAGES | KICK_MEMBERS), List.of());
        MemberAccess m = timedOut(USER, NOW.plus(Duration.ofMinutes(10)), ROLE_A);

        assertThat(g.channelPermissions(m, CHANNEL, NOW)).isEqualTo(VIEW_CHANNEL | READ_MESSAGE_HISTORY);
        assertThat(g.guildPermissions(m, NOW)).isEqualTo(VIEW_CHANNEL | READ_MESSAGE_HISTORY);
    }

    @Test
    void timeoutNeverGrantsWhatTheMemberDidNotHave() {
        GuildAccess g = guild(Map.of(GUILD, VIEW_CHANNEL | SEND_MESSAGES),
                List.of(role(GUILD, 0, READ_MESSAGE_HISTORY)));
        MemberAccess m = timedOut(USER, NOW.plusSeconds(60));

        assertThat(g.channelPermissions(m, CHANNEL, NOW)).isEqualTo(VIEW_CHANNEL);
        assertThat(g.channelPermissions(m, OTHER_CHANNEL, NOW)).isEqualTo(VIEW_CHANNEL);
    }

    @Test
    void anExpiredTimeoutChangesNothing() {
        GuildAccess g = guild(Map.of(GUILD, DEFAULT_EVERYONE), List.of());

        assertThat(g.channelPermissions(timedOut(USER, NOW.minusSeconds(1)), CHANNEL, NOW)).isEqualTo(DEFAULT_EVERYONE);
        assertThat(g.channelPermissions(timedOut(USER, NOW), CHANNEL, NOW)).isEqualTo(DEFAULT_EVERYONE);
        assertThat(g.channelPermissions(timedOut(USER, null), CHANNEL, NOW)).isEqualTo(DEFAULT_EVERYONE);
        assertThat(g.guildPermissions(timedOut(USER, Instant.EPOCH), NOW)).isEqualTo(DEFAULT_EVERYONE);
    }

    @Test
    void ownerAndAdministratorsAreExemptFromTimeouts() {
        GuildAccess g = guild(Map.of(GUILD, DEFAULT_EVERYONE, ROLE_A, ADMINISTRATOR), List.of());
        Instant until = NOW.plus(Duration.ofDays(1));

        assertThat(g.channelPermissions(timedOut(OWNER, until), CHANNEL, NOW)).isEqualTo(ALL);
        assertThat(g.guildPermissions(timedOut(OWNER, until), NOW)).isEqualTo(ALL);
        assertThat(g.channelPermissions(timedOut(USER, until, ROLE_A), CHANNEL, NOW)).isEqualTo(ALL);
        assertThat(g.guildPermissions(timedOut(USER, until, ROLE_A), NOW)).isEqualTo(ALL);
    }

    // --- unknown channel -----------------------------------------------------------------------

    @Test
    void anUnknownChannelGivesZeroEvenToTheOwner() {
        GuildAccess g = guild(Map.of(GUILD, DEFAULT_EVERYONE, ROLE_A, ADMINISTRATOR), List.of());

        assertThat(g.hasChannel(999)).isFalse();
        assertThat(g.channelPermissions(member(), 999, NOW)).isZero();
        assertThat(g.channelPermissions(member(ROLE_A), 999, NOW)).isZero();
        assertThat(g.channelPermissions(new MemberAccess(OWNER, Set.of()), 999, NOW)).isZero();
        assertThat(g.canView(new MemberAccess(OWNER, Set.of()), 999, NOW)).isFalse();
    }

    @Test
    void aChannelWithoutOverwritesIsKnownAndUsesTheGuildBase() {
        GuildAccess g = guild(Map.of(GUILD, DEFAULT_EVERYONE), List.of());

        assertThat(g.hasChannel(OTHER_CHANNEL)).isTrue();
        assertThat(g.channelPermissions(member(), OTHER_CHANNEL, NOW)).isEqualTo(DEFAULT_EVERYONE);
    }

    @Test
    void hasAllNeedsEveryRequiredBit() {
        assertThat(hasAll(VIEW_CHANNEL | SEND_MESSAGES, VIEW_CHANNEL)).isTrue();
        assertThat(hasAll(VIEW_CHANNEL | SEND_MESSAGES, VIEW_CHANNEL | SEND_MESSAGES)).isTrue();
        assertThat(hasAll(VIEW_CHANNEL, VIEW_CHANNEL | SEND_MESSAGES)).isFalse();
        assertThat(hasAll(0, 0)).isTrue();
    }
}
