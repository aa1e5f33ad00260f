package io.concord.common.permission;

import static io.concord.common.permission.Permission.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.permission.GuildAccess.MemberAccess;
import io.concord.common.permission.PermissionEnginePropertyTest.Scenario;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Allowing more never takes a permission away, denying more never gives one, in any channel and for anyone. */
class OverwriteMonotonicityPropertyTest {
    static final List<Overwrite> TARGETS = List.of(
            new Overwrite(PermissionEnginePropertyTest.GUILD, Overwrite.ROLE, 0, 0),
            new Overwrite(201, Overwrite.ROLE, 0, 0), new Overwrite(202, Overwrite.ROLE, 0, 0),
            new Overwrite(203, Overwrite.ROLE, 0, 0), new Overwrite(206, Overwrite.ROLE, 0, 0),
            new Overwrite(PermissionEnginePropertyTest.USER, Overwrite.MEMBER, 0, 0),
            new Overwrite(PermissionEnginePropertyTest.OTHER_USER, Overwrite.MEMBER, 0, 0));

    @Provide
    Arbitrary<Scenario> scenarios() {
        return PermissionEnginePropertyTest.scenarios(ALL);
    }

    @Provide
    Arbitrary<Overwrite> targets() {
        return Arbitraries.of(TARGETS);
    }

    /** The overwrites with {@code extraAllow}/{@code extraDeny} added to the target's entry (created if absent). */
    static List<Overwrite> plus(List<Overwrite> overwrites, Overwrite target, long extraAllow, long extraDeny) {
        List<Overwrite> out = new ArrayList<>();
        boolean found = false;
        for (Overwrite o : overwrites) {
            if (o.id() == target.id()) {
                out.add(new Overwrite(o.id(), target.type(), o.allow() | extraAllow, o.deny() | extraDeny));
                found = true;
            } else {
                out.add(o);
            }
        }
        if (!found) out.add(new Overwrite(target.id(), target.type(), extraAllow, extraDeny));
        return out;
    }

    @Property
    void addingAnAllowNeverRemovesAPermission(@ForAll("scenarios") Scenario s, @ForAll("targets") Overwrite target, @ForAll long bits) {
        GuildAccess before = s.guild();
        GuildAccess after = s.guildWith(plus(s.overwrites(), target, bits & ALL, 0));
        for (long user : List.of(PermissionEnginePropertyTest.USER, PermissionEnginePropertyTest.OTHER_USER)) {
            MemberAccess m = s.member(user);
            long was = before.channelPermissions(m, PermissionEnginePropertyTest.CHANNEL, PermissionEnginePropertyTest.NOW);
            long is = after.channelPermissions(m, PermissionEnginePropertyTest.CHANNEL, PermissionEnginePropertyTest.NOW);
            assertThat(was & ~is).as("lost by allowing more").isZero();
        }
    }

    @Property
    void addingADenyNeverGrantsAPermission(@ForAll("scenarios") Scenario s, @ForAll("targets") Overwrite target, @ForAll long bits) {
        GuildAccess before = s.guild();
        GuildAccess after = s.guildWith(plus(s.overwrites(), target, 0, bits & ALL));
        for (long user : List.of(PermissionEnginePropertyTest.USER, PermissionEnginePropertyTest.OTHER_USER)) {
            MemberAccess m = s.member(user);
            long was = before.channelPermissions(m, PermissionEnginePropertyTest.CHANNEL, PermissionEnginePropertyTest.NOW);
            long is = after.channelPermissions(m, PermissionEnginePropertyTest.CHANNEL, PermissionEnginePropertyTest.NOW);
            assertThat(is & ~was).as("gained by denying more").isZero();
        }
    }

    @Property
    void anOverwriteNeverReportsAdministratorToANonAdministrator(@ForAll("scenarios") Scenario s) {
        MemberAccess m = s.member(PermissionEnginePropertyTest.USER);
        long base = PermissionEngine.base(PermissionEnginePropertyTest.GUILD, PermissionEnginePropertyTest.OWNER, s.rolePermissions(), m);

        if ((base & ADMINISTRATOR) == 0) {
            assertThat(s.guild().channelPermissions(m, PermissionEnginePropertyTest.CHANNEL, PermissionEnginePropertyTest.NOW) & ADMINISTRATOR).isZero();
        }
    }
}
