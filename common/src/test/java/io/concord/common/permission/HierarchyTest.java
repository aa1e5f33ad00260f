package io.concord.common.permission;

import static io.concord.common.permission.Permission.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.model.Role;
import io.concord.common.permission.GuildAccess.MemberAccess;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The role hierarchy rules of discord-api.md section 2.1, one concrete case each. */
class HierarchyTest {
    static final long GUILD = 100;
    static final long OWNER = 1;
    static final long ACTOR = 2;
    static final long TARGET = 3;
    static final long LOW = 201;   // position 1
    static final long MID = 202;   // position 2
    static final long HIGH = 203;  // position 3
    static final long TWIN = 210;  // position 2 like MID, newer id: ranks below MID
    static final long ZERO = 205;  // position 0, like @everyone
    static final long SUNK = 206;  // position -1
    static final long UNKNOWN = 999;

    static final Hierarchy H = Hierarchy.of(GUILD, OWNER, List.of(
            role(GUILD, 0), role(LOW, 1), role(MID, 2), role(HIGH, 3), role(TWIN, 2), role(ZERO, 0), role(SUNK, -1)));

    static Role role(long id, int position) {
        return Role.create(id, "r" + id, 0, false, position, 0, false, false);
    }

    static MemberAccess member(long userId, Long... roles) {
        return new MemberAccess(userId, Set.of(roles));
    }

    // --- order -------------------------------------------------------------------------------------

    @Test
    void aGreaterPositionRanksAbove() {
        assertThat(H.isAbove(HIGH, MID)).isTrue();
        assertThat(H.isAbove(MID, LOW)).isTrue();
        assertThat(H.isAbove(MID, HIGH)).isFalse();
        assertThat(H.isAbove(LOW, HIGH)).isFalse();
    }

    @Test
    void equalPositionsAreOrderedByIdTheOlderRoleRankingAbove() {
        assertThat(H.isAbove(MID, TWIN)).isTrue();
        assertThat(H.isAbove(TWIN, MID)).isFalse();
        assertThat(H.isAbove(TWIN, LOW)).isTrue();
    }

    @Test
    void everyoneRanksBelowEveryOtherRoleWhateverThePositions() {
        for (long r : List.of(LOW, MID, HIGH, TWIN, ZERO, SUNK, UNKNOWN)) {
            assertThat(H.isAbove(r, GUILD)).as("%d above @everyone", r).isTrue();
            assertThat(H.isAbove(GUILD, r)).as("@everyone above %d", r).isFalse();
        }
    }

    @Test
    void noRoleRanksAboveItself() {
        for (long r : List.of(GUILD, LOW, MID, UNKNOWN)) assertThat(H.isAbove(r, r)).isFalse();
    }

    @Test
    void aRoleTheGuildDoesNotKnowCountsAsPositionZero() {
        assertThat(H.isAbove(LOW, UNKNOWN)).isTrue();
        assertThat(H.isAbove(UNKNOWN, SUNK)).isTrue();
        assertThat(H.isAbove(ZERO, UNKNOWN)).as("same position, lower id").isTrue();
    }

    @Test
    void aMembersHighestRoleIsTheTopOneTheyHoldOrEveryone() {
        assertThat(H.highestRole(member(ACTOR, LOW, HIGH, MID))).isEqualTo(HIGH);
        assertThat(H.highestRole(member(ACTOR, TWIN, MID))).isEqualTo(MID);
        assertThat(H.highestRole(member(ACTOR))).isEqualTo(GUILD);
        assertThat(H.highestRole(member(ACTOR, UNKNOWN))).as("unknown roles are not held").isEqualTo(GUILD);
        assertThat(H.highestRole(member(ACTOR, SUNK))).isEqualTo(SUNK);
    }

    // --- managing roles ----------------------------------------------------------------------------

    @Test
    void aMemberManagesOnlyRolesStrictlyBelowTheirHighest() {
        MemberAccess mid = member(ACTOR, MID);
        long perms = MANAGE_ROLES;

        assertThat(H.canManageRole(mid, perms, LOW)).isTrue();
        assertThat(H.canManageRole(mid, perms, TWIN)).isTrue();
        assertThat(H.canManageRole(mid, perms, GUILD)).isTrue();
        assertThat(H.canManageRole(mid, perms, MID)).as("their own highest").isFalse();
        assertThat(H.canManageRole(mid, perms, HIGH)).isFalse();
        assertThat(H.canManageRole(member(ACTOR, TWIN), perms, MID)).as("tie lost on id").isFalse();
        assertThat(H.canManageRole(member(ACTOR), perms, GUILD)).as("no role: not even @everyone").isFalse();
    }

    @Test
    void ownerAndAdministratorsManageEveryRole() {
        assertThat(H.canManageRole(member(OWNER), 0, HIGH)).isTrue();
        assertThat(H.canManageRole(member(ACTOR, LOW), ALL, HIGH)).isTrue();
        assertThat(H.canManageRole(member(ACTOR, LOW), ADMINISTRATOR, HIGH)).isTrue();
        assertThat(H.canManageRole(member(ACTOR, LOW), ALL & ~ADMINISTRATOR, HIGH)).isFalse();
    }

    @Test
    void aMemberGrantsOnlyPermissionsTheyHold() {
        MemberAccess mid = member(ACTOR, MID);
        long held = MANAGE_ROLES | KICK_MEMBERS | VIEW_CHANNEL;

        assertThat(H.canGrant(mid, held, KICK_MEMBERS | VIEW_CHANNEL)).isTrue();
        assertThat(H.canGrant(mid, held, 0)).isTrue();
        assertThat(H.canGrant(mid, held, KICK_MEMBERS | BAN_MEMBERS)).isFalse();
        assertThat(H.canGrant(mid, held, ADMINISTRATOR)).isFalse();
        assertThat(H.canGrant(member(OWNER), 0, ALL)).isTrue();
        assertThat(H.canGrant(mid, ALL, ALL)).isTrue();
    }

    // --- moderating members ------------------------------------------------------------------------

    @Test
    void aMemberModeratesOnlyMembersWhoseHighestRoleIsLower() {
        assertThat(H.canModerate(member(ACTOR, MID), KICK_MEMBERS, member(TARGET, LOW))).isTrue();
        assertThat(H.canModerate(member(ACTOR, MID), KICK_MEMBERS, member(TARGET, TWIN))).isTrue();
        assertThat(H.canModerate(member(ACTOR, MID), KICK_MEMBERS, member(TARGET))).isTrue();
        assertThat(H.canModerate(member(ACTOR, MID), KICK_MEMBERS, member(TARGET, MID))).as("equal").isFalse();
        assertThat(H.canModerate(member(ACTOR, MID), KICK_MEMBERS, member(TARGET, LOW, HIGH))).isFalse();
        assertThat(H.canModerate(member(ACTOR), KICK_MEMBERS, member(TARGET))).isFalse();
    }

    @Test
    void ownerAndAdministratorsModerateAnyoneButTheOwner() {
        assertThat(H.canModerate(member(OWNER), 0, member(TARGET, HIGH))).isTrue();
        assertThat(H.canModerate(member(ACTOR), ALL, member(TARGET, HIGH))).isTrue();
    }

    @Test
    void nobodyModeratesTheOwner() {
        MemberAccess owner = member(OWNER);
        assertThat(H.canModerate(member(ACTOR, HIGH), ALL, owner)).isFalse();
        assertThat(H.canModerate(member(ACTOR, HIGH), ADMINISTRATOR | KICK_MEMBERS, owner)).isFalse();
        assertThat(H.canModerate(owner, ALL, owner)).isFalse();
    }

    @Test
    void theOwnerIsRecognised() {
        assertThat(H.isOwner(OWNER)).isTrue();
        assertThat(H.isOwner(ACTOR)).isFalse();
        assertThat(H.bypasses(member(OWNER), 0)).isTrue();
        assertThat(H.bypasses(member(ACTOR), ADMINISTRATOR)).isTrue();
        assertThat(H.bypasses(member(ACTOR), ALL & ~ADMINISTRATOR)).isFalse();
    }
}
