package io.concord.api.access;

import io.concord.common.model.Channel;
import io.concord.common.model.Role;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import java.util.List;

/** A channel the caller may view, with their permissions in it and the guild's roles as read for the check. */
public record ChannelContext(Channel channel, List<Role> roles, GuildAccess guild, MemberAccess member, long permissions) {
    public long guildId() {
        return guild.guildId();
    }
}
