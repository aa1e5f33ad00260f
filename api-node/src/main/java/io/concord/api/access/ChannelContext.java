package io.concord.api.access;

import io.concord.common.model.Channel;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;

/** A channel the caller may view, with their permissions in it. */
public record ChannelContext(Channel channel, GuildAccess guild, MemberAccess member, long permissions) {
    public long guildId() {
        return guild.guildId();
    }
}
