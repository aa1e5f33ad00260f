package io.concord.api.access;

import io.concord.common.error.MissingAccess;
import io.concord.common.error.MissingPermissions;
import io.concord.common.error.NotFound;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.model.Channel;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import io.concord.common.permission.Permission;
import java.time.Clock;

/**
 * Resolves what the caller may do with a guild or channel, with the permission engine. A caller who
 * is not a member, or cannot view a channel, gets 403 Missing Access and learns nothing more.
 */
public final class AccessService {
    private final GuildRepository guilds;
    private final ChannelRepository channels;
    private final MemberRepository members;
    private final Clock clock;

    public AccessService(GuildRepository guilds, ChannelRepository channels, MemberRepository members, Clock clock) {
        this.guilds = guilds;
        this.channels = channels;
        this.members = members;
        this.clock = clock;
    }

    public GuildContext guild(long userId, long guildId) {
        var row = guilds.find(guildId).orElseThrow(() -> new NotFound(NotFound.Resource.GUILD));
        MemberAccess member = members.access(guildId, userId).orElseThrow(MissingAccess::new);
        GuildAccess access = guilds.access(guildId).orElseThrow(() -> new NotFound(NotFound.Resource.GUILD));
        return new GuildContext(row, access, member, access.guildPermissions(member, clock.instant()));
    }

    public GuildContext guild(long userId, long guildId, long required) {
        GuildContext ctx = guild(userId, guildId);
        if (!Permission.hasAll(ctx.permissions(), required)) throw new MissingPermissions();
        return ctx;
    }

    /** A guild channel the caller can view. */
    public ChannelContext channel(long userId, long channelId) {
        Channel channel = channels.find(channelId).orElseThrow(() -> new NotFound(NotFound.Resource.CHANNEL));
        if (channel.guildId() == null) throw new NotFound(NotFound.Resource.CHANNEL); // DMs arrive with the DM issue
        long guildId = channel.guildId();
        MemberAccess member = members.access(guildId, userId).orElseThrow(MissingAccess::new);
        GuildAccess access = guilds.access(guildId).orElseThrow(() -> new NotFound(NotFound.Resource.CHANNEL));
        long permissions = access.channelPermissions(member, channelId, clock.instant());
        if (!Permission.hasAll(permissions, Permission.VIEW_CHANNEL)) throw new MissingAccess();
        return new ChannelContext(channel, access, member, permissions);
    }

    public ChannelContext channel(long userId, long channelId, long required) {
        ChannelContext ctx = channel(userId, channelId);
        if (!Permission.hasAll(ctx.permissions(), required)) throw new MissingPermissions();
        return ctx;
    }
}
