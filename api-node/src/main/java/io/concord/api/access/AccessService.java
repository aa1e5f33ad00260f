package io.concord.api.access;

import io.concord.common.dm.DmRepository;
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
import io.concord.common.model.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves what the caller may do with a guild or channel, with the permission engine. A caller who
 * is not a member, or cannot view a channel, gets 403 Missing Access and learns nothing more.
 */
public final class AccessService {
    /** What every recipient may do in a DM or group DM (Discord's implicit DM permissions, pinning included); no MANAGE_*. */
    public static final long DM_PERMISSIONS = Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES | Permission.READ_MESSAGE_HISTORY
            | Permission.ADD_REACTIONS | Permission.ATTACH_FILES | Permission.EMBED_LINKS | Permission.USE_EXTERNAL_EMOJIS
            | Permission.USE_EXTERNAL_STICKERS | Permission.SEND_TTS_MESSAGES | Permission.SEND_VOICE_MESSAGES | Permission.SEND_POLLS | Permission.PIN_MESSAGES;
    private final GuildRepository guilds;
    private final ChannelRepository channels;
    private final MemberRepository members;
    private final Clock clock;
    private final DmRepository dms;

    public AccessService(GuildRepository guilds, ChannelRepository channels, MemberRepository members, Clock clock) {
        this(guilds, channels, members, clock, null);
    }

    public AccessService(GuildRepository guilds, ChannelRepository channels, MemberRepository members, Clock clock, DmRepository dms) {
        this.dms = dms;
        this.guilds = guilds;
        this.channels = channels;
        this.members = members;
        this.clock = clock;
    }

    /**
     * The caller's guild-level standing. Only the roles are read, never the channels: a guild-level
     * check costs the same in a guild of 500 channels as in one of 2. Channel permissions come from
     * {@link #permissionsIn}.
     */
    public GuildContext guild(long userId, long guildId) {
        var row = guilds.find(guildId).orElseThrow(() -> new NotFound(NotFound.Resource.GUILD));
        MemberAccess member = members.access(guildId, userId).orElseThrow(MissingAccess::new);
        List<Role> roles = guilds.roles(guildId);
        GuildAccess access = guildLevel(guildId, row.ownerId(), roles);
        return new GuildContext(row, roles, access, member, access.guildPermissions(member, clock.instant()));
    }

    /** The caller's permissions in one of the guild's channels (0 if it is not one of them). */
    public long permissionsIn(GuildContext ctx, Channel channel) {
        if (channel.guildId() == null || channel.guildId() != ctx.guild().id()) return 0;
        return ctx.access().channelPermissions(ctx.member(), channel.permissionOverwrites(), clock.instant());
    }

    public long permissionsIn(GuildContext ctx, long channelId) {
        return channels.find(channelId).map(c -> permissionsIn(ctx, c)).orElse(0L);
    }

    private static GuildAccess guildLevel(long guildId, long ownerId, List<Role> roles) {
        Map<Long, Long> rolePermissions = new HashMap<>();
        roles.forEach(r -> rolePermissions.put(r.id(), r.permissions()));
        return new GuildAccess(guildId, ownerId, rolePermissions, Map.of());
    }

    public GuildContext guild(long userId, long guildId, long required) {
        GuildContext ctx = guild(userId, guildId);
        if (!Permission.hasAll(ctx.permissions(), required)) throw new MissingPermissions();
        return ctx;
    }

    /** A guild channel the caller can view. */
    public ChannelContext channel(long userId, long channelId) {
        Channel channel = channels.find(channelId).orElseThrow(() -> new NotFound(NotFound.Resource.CHANNEL));
        if (channel.guildId() == null) return dm(userId, channel);
        long guildId = channel.guildId();
        MemberAccess member = members.access(guildId, userId).orElseThrow(MissingAccess::new);
        var row = guilds.find(guildId).orElseThrow(() -> new NotFound(NotFound.Resource.CHANNEL));
        // Only this channel's overwrites: a send in a guild of 500 channels reads one channel, not 500.
        List<Role> roles = guilds.roles(guildId);
        GuildAccess access = guildLevel(guildId, row.ownerId(), roles).withOnly(channel);
        long permissions = access.channelPermissions(member, channelId, clock.instant());
        if (!Permission.hasAll(permissions, Permission.VIEW_CHANNEL)) throw new MissingAccess();
        return new ChannelContext(channel, roles, access, member, permissions);
    }

    /**
     * A DM or group DM: its recipients only (anyone else 403 Missing Access, as for a guild channel
     * they cannot view), with Discord's fixed DM permissions.
     */
    private ChannelContext dm(long userId, Channel channel) {
        if (dms == null) throw new NotFound(NotFound.Resource.CHANNEL);
        List<Long> recipients = dms.recipients(channel.id());
        if (!recipients.contains(userId)) throw new MissingAccess();
        Long owner = dms.find(channel.id()).map(r -> r.group() ? r.ownerId() : 0L).orElse(0L);
        GuildAccess none = new GuildAccess(0, owner, Map.of(), Map.of());
        return new ChannelContext(channel, List.of(), none, new MemberAccess(userId, List.of(), null), DM_PERMISSIONS, recipients);
    }

    public ChannelContext channel(long userId, long channelId, long required) {
        ChannelContext ctx = channel(userId, channelId);
        if (!Permission.hasAll(ctx.permissions(), required)) throw new MissingPermissions();
        return ctx;
    }
}
