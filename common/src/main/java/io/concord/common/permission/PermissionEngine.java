package io.concord.common.permission;

import io.concord.common.permission.GuildAccess.MemberAccess;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Discord's permission algorithm, step for step as in discord-api.md section 2.1. */
public final class PermissionEngine {
    private PermissionEngine() {}

    /** Guild-level permissions: owner and ADMINISTRATOR short-circuit to everything. */
    public static long base(long guildId, long ownerId, Map<Long, Long> rolePermissions, MemberAccess member) {
        if (member.userId() == ownerId) return Permission.ALL;
        long p = rolePermissions.getOrDefault(guildId, 0L);
        for (long roleId : member.roleIds()) p |= rolePermissions.getOrDefault(roleId, 0L);
        return (p & Permission.ADMINISTRATOR) != 0 ? Permission.ALL : p;
    }

    /**
     * Applies a channel's overwrites: @everyone, then all of the member's role overwrites aggregated
     * (so their order never matters and a role allow beats a role deny), then the member's own.
     * ADMINISTRATOR is a guild-level permission: allowed by an overwrite it does nothing (Discord's
     * clients ignore it there), so it is not reported either, and nothing that checks the result
     * (the hierarchy's admin bypass, "only grant what you hold") mistakes the member for an admin.
     */
    public static long overwrites(long base, long guildId, MemberAccess member, List<Overwrite> overwrites) {
        if ((base & Permission.ADMINISTRATOR) != 0) return Permission.ALL;
        long p = base;
        long roleAllow = 0;
        long roleDeny = 0;
        Overwrite everyone = null;
        Overwrite own = null;
        for (Overwrite ow : overwrites) {
            if (ow.type() == Overwrite.ROLE && ow.id() == guildId) {
                everyone = ow;
            } else if (ow.type() == Overwrite.ROLE && member.roleIds().contains(ow.id())) {
                roleAllow |= ow.allow();
                roleDeny |= ow.deny();
            } else if (ow.type() == Overwrite.MEMBER && ow.id() == member.userId()) {
                own = ow;
            }
        }
        if (everyone != null) p = (p & ~everyone.deny()) | everyone.allow();
        p = (p & ~roleDeny) | roleAllow;
        if (own != null) p = (p & ~own.deny()) | own.allow();
        return p & ~Permission.ADMINISTRATOR;
    }

    /**
     * The denials Discord applies when checking rather than storing. Only an ADMINISTRATOR held at
     * guild level ({@code base}) is exempt: the bit in a channel overwrite does nothing.
     */
    public static long implicit(long base, long channelPermissions) {
        if ((base & Permission.ADMINISTRATOR) != 0) return channelPermissions;
        if ((channelPermissions & Permission.VIEW_CHANNEL) == 0) return 0;
        if ((channelPermissions & Permission.SEND_MESSAGES) == 0) {
            return channelPermissions & ~(Permission.MENTION_EVERYONE | Permission.SEND_TTS_MESSAGES
                    | Permission.ATTACH_FILES | Permission.EMBED_LINKS);
        }
        return channelPermissions;
    }

    /** A timed-out member keeps only VIEW_CHANNEL and READ_MESSAGE_HISTORY; owner and admins are exempt. */
    public static long applyTimeout(long base, long permissions, MemberAccess member, Instant now) {
        if ((base & Permission.ADMINISTRATOR) != 0 || member.timedOutUntil() == null || !member.timedOutUntil().isAfter(now)) {
            return permissions;
        }
        return permissions & (Permission.VIEW_CHANNEL | Permission.READ_MESSAGE_HISTORY);
    }
}
