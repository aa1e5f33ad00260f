package io.concord.api.access;

import io.concord.common.model.Channel;
import io.concord.common.model.Role;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import java.util.List;

/**
 * A channel the caller may view, with their permissions in it and the guild's roles as read for the
 * check. For a DM or group DM: guild 0, no roles, {@link AccessService#DM_PERMISSIONS}, and
 * {@code recipients} (everyone in the channel, the caller included); empty for a guild channel.
 */
public record ChannelContext(Channel channel, List<Role> roles, GuildAccess guild, MemberAccess member, long permissions,
                             List<Long> recipients) {
    public ChannelContext(Channel channel, List<Role> roles, GuildAccess guild, MemberAccess member, long permissions) {
        this(channel, roles, guild, member, permissions, List.of());
    }

    public long guildId() {
        return guild.guildId();
    }

    /** The guild id for a payload's {@code guild_id}: null (omitted) in a DM, as Discord does. */
    public Long payloadGuildId() {
        return dm() ? null : guild.guildId();
    }

    public boolean dm() {
        return channel.guildId() == null;
    }
}
