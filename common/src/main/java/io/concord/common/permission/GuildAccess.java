package io.concord.common.permission;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the permission algorithm needs to know about one guild: its owner, each role's permissions
 * and each channel's overwrites. Built from the store by the api-node per request and kept by the
 * ws-node per guild.
 */
public record GuildAccess(long guildId, long ownerId, Map<Long, Long> rolePermissions, Map<Long, List<Overwrite>> channelOverwrites) {

    /** One member as the algorithm sees it. */
    public record MemberAccess(long userId, Collection<Long> roleIds, Instant timedOutUntil) {
        public MemberAccess(long userId, Collection<Long> roleIds) {
            this(userId, roleIds, Instant.EPOCH);
        }
    }

    /** This guild's roles and owner with the overwrites of one channel only. */
    public GuildAccess withOnly(io.concord.common.model.Channel channel) {
        return new GuildAccess(guildId, ownerId, rolePermissions, Map.of(channel.id(), channel.permissionOverwrites()));
    }

    public boolean hasChannel(long channelId) {
        return channelOverwrites.containsKey(channelId);
    }

    public long guildPermissions(MemberAccess member, Instant now) {
        long base = PermissionEngine.base(guildId, ownerId, rolePermissions, member);
        return PermissionEngine.applyTimeout(base, base, member, now);
    }

    /** The member's permissions in a channel with the implicit denials applied; 0 for an unknown channel. */
    public long channelPermissions(MemberAccess member, long channelId, Instant now) {
        List<Overwrite> overwrites = channelOverwrites.get(channelId);
        return overwrites == null ? 0 : channelPermissions(member, overwrites, now);
    }

    /** The member's permissions in a channel of this guild with these overwrites, implicit denials applied. */
    public long channelPermissions(MemberAccess member, List<Overwrite> overwrites, Instant now) {
        long base = PermissionEngine.base(guildId, ownerId, rolePermissions, member);
        long raw = PermissionEngine.overwrites(base, guildId, member, overwrites);
        return PermissionEngine.applyTimeout(base, PermissionEngine.implicit(base, raw), member, now);
    }

    public boolean canView(MemberAccess member, long channelId, Instant now) {
        return Permission.hasAll(channelPermissions(member, channelId, now), Permission.VIEW_CHANNEL);
    }
}
