package io.concord.common.permission;

import io.concord.common.model.Role;
import io.concord.common.permission.GuildAccess.MemberAccess;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Discord's role hierarchy: a role ranks above another when its {@code position} is greater, ties
 * going to the lower id; @everyone (id = guild id) is the bottom. A member ranks as their highest
 * role. The guild owner and ADMINISTRATOR holders bypass the hierarchy, but nobody acts on the owner.
 */
public final class Hierarchy {
    private final long guildId;
    private final long ownerId;
    private final Map<Long, Role> roles;

    private Hierarchy(long guildId, long ownerId, Map<Long, Role> roles) {
        this.guildId = guildId;
        this.ownerId = ownerId;
        this.roles = roles;
    }

    public static Hierarchy of(long guildId, long ownerId, Collection<Role> roles) {
        return new Hierarchy(guildId, ownerId, roles.stream().collect(Collectors.toUnmodifiableMap(Role::id, Function.identity())));
    }

    /**
     * True when role {@code a} ranks strictly above role {@code b}. @everyone ranks below every other
     * role whatever the positions say; roles the guild does not know count as position 0.
     */
    public boolean isAbove(long a, long b) {
        if (a == b) return false;
        if (b == guildId) return true;
        if (a == guildId) return false;
        int pa = position(a);
        int pb = position(b);
        if (pa != pb) return pa > pb;
        return a < b;
    }

    private int position(long roleId) {
        if (roleId == guildId) return 0;
        Role r = roles.get(roleId);
        return r == null ? 0 : r.position();
    }

    /** The member's highest role; the guild id (@everyone) when they hold none. */
    public long highestRole(MemberAccess member) {
        long best = guildId;
        for (long r : member.roleIds()) {
            if (roles.containsKey(r) && isAbove(r, best)) best = r;
        }
        return best;
    }

    public boolean isOwner(long userId) {
        return userId == ownerId;
    }

    /** Owner and ADMINISTRATOR (held at guild level, {@code actorPermissions}) are not bound by the hierarchy. */
    public boolean bypasses(MemberAccess actor, long actorPermissions) {
        return isOwner(actor.userId()) || (actorPermissions & Permission.ADMINISTRATOR) != 0;
    }

    /** May the actor edit, delete, grant or revoke this role? Only roles strictly below their highest. */
    public boolean canManageRole(MemberAccess actor, long actorPermissions, long roleId) {
        return bypasses(actor, actorPermissions) || isAbove(highestRole(actor), roleId);
    }

    /** May the actor give a role these permissions? Only permissions the actor holds, unless they bypass. */
    public boolean canGrant(MemberAccess actor, long actorPermissions, long permissions) {
        return bypasses(actor, actorPermissions) || (permissions & ~actorPermissions) == 0;
    }

    /**
     * May the actor kick, ban, time out or rename the target? Never the owner; otherwise owner and
     * admins may, and everyone else only when their highest role is above the target's.
     */
    public boolean canModerate(MemberAccess actor, long actorPermissions, MemberAccess target) {
        if (isOwner(target.userId())) return false;
        if (bypasses(actor, actorPermissions)) return true;
        return isAbove(highestRole(actor), highestRole(target));
    }
}
