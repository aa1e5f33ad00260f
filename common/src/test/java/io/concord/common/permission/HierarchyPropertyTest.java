package io.concord.common.permission;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.model.Role;
import io.concord.common.permission.GuildAccess.MemberAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hierarchy over random guilds: roles with random (often equal, sometimes negative) positions. */
class HierarchyPropertyTest {
    static final long GUILD = 100;
    static final long OWNER = 1;
    static final List<Long> ROLE_IDS = List.of(201L, 202L, 203L, 204L, 205L, 206L, 207L);
    /** Every id the order must rank: @everyone, the guild's roles and one it does not know. */
    static final List<Long> RANKED = List.of(100L, 201L, 202L, 203L, 204L, 205L, 206L, 207L, 999L);

    @Provide
    Arbitrary<Hierarchy> hierarchies() {
        return Arbitraries.integers().between(-2, 4).list().ofSize(ROLE_IDS.size()).map(positions -> {
            List<Role> roles = new ArrayList<>();
            roles.add(Role.create(GUILD, "@everyone", 0, false, 0, 0, false, false));
            for (int i = 0; i < ROLE_IDS.size(); i++) {
                roles.add(Role.create(ROLE_IDS.get(i), "r" + i, 0, false, positions.get(i), 0, false, false));
            }
            return Hierarchy.of(GUILD, OWNER, roles);
        });
    }

    @Provide
    Arbitrary<Set<Long>> roleSets() {
        return Arbitraries.of(RANKED).set();
    }

    @Property
    void isAboveIsAStrictTotalOrder(@ForAll("hierarchies") Hierarchy h) {
        for (long a : RANKED) {
            assertThat(h.isAbove(a, a)).isFalse();
            for (long b : RANKED) {
                if (a != b) assertThat(h.isAbove(a, b)).as("exactly one of %d, %d is above", a, b).isNotEqualTo(h.isAbove(b, a));
                for (long c : RANKED) {
                    if (h.isAbove(a, b) && h.isAbove(b, c)) assertThat(h.isAbove(a, c)).as("%d > %d > %d", a, b, c).isTrue();
                }
            }
        }
    }

    @Property
    void everyoneIsTheLowestRole(@ForAll("hierarchies") Hierarchy h) {
        for (long r : RANKED) {
            if (r != GUILD) assertThat(h.isAbove(r, GUILD)).isTrue();
        }
    }

    @Property
    void theHighestRoleIsHeldAndNoHeldRoleRanksAboveIt(@ForAll("hierarchies") Hierarchy h, @ForAll("roleSets") Set<Long> held) {
        long top = h.highestRole(new MemberAccess(2, held));

        assertThat(top == GUILD || held.contains(top)).isTrue();
        for (long r : held) {
            if (r != 999L) assertThat(h.isAbove(r, top)).isFalse();
        }
    }

    @Property
    void nobodyModeratesTheOwner(@ForAll("hierarchies") Hierarchy h, @ForAll("roleSets") Set<Long> actorRoles,
                                 @ForAll long actorPermissions, @ForAll("roleSets") Set<Long> ownerRoles) {
        assertThat(h.canModerate(new MemberAccess(2, actorRoles), actorPermissions, new MemberAccess(OWNER, ownerRoles))).isFalse();
    }

    @Property
    void withoutABypassModeratingIsExactlyRankingAbove(@ForAll("hierarchies") Hierarchy h, @ForAll("roleSets") Set<Long> actorRoles,
                                                        @ForAll("roleSets") Set<Long> targetRoles, @ForAll long permissions) {
        long perms = permissions & ~Permission.ADMINISTRATOR;
        MemberAccess actor = new MemberAccess(2, actorRoles);
        MemberAccess target = new MemberAccess(3, targetRoles);

        assertThat(h.canModerate(actor, perms, target)).isEqualTo(h.isAbove(h.highestRole(actor), h.highestRole(target)));
        assertThat(h.canModerate(actor, perms, target) && h.canModerate(target, perms, actor)).as("never both ways").isFalse();
    }

    @Property
    void ownerAndAdministratorsBypassRoleManagementAndGranting(@ForAll("hierarchies") Hierarchy h, @ForAll("roleSets") Set<Long> roles,
                                                                @ForAll long permissions) {
        for (MemberAccess bypasser : List.of(new MemberAccess(OWNER, roles), new MemberAccess(2, roles))) {
            long perms = bypasser.userId() == OWNER ? 0 : Permission.ADMINISTRATOR;
            for (long r : RANKED) assertThat(h.canManageRole(bypasser, perms, r)).isTrue();
            assertThat(h.canGrant(bypasser, perms, permissions)).isTrue();
        }
    }

    @Property
    void aMemberNeverManagesTheirOwnHighestRole(@ForAll("hierarchies") Hierarchy h, @ForAll("roleSets") Set<Long> roles) {
        MemberAccess m = new MemberAccess(2, roles);

        assertThat(h.canManageRole(m, Permission.MANAGE_ROLES, h.highestRole(m))).isFalse();
    }
}
