package io.concord.api.guilds;

import io.concord.api.access.AccessService;
import io.concord.api.access.GuildContext;
import io.concord.api.events.EventPublisher;
import io.concord.common.error.InvalidForm;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.GuildRow;
import io.concord.common.guild.MemberRepository;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.json.Json;
import io.concord.common.model.Channel;
import io.concord.common.model.ChannelType;
import io.concord.common.model.Guild;
import io.concord.common.model.Member;
import io.concord.common.model.Role;
import io.concord.common.permission.Overwrite;
import io.concord.common.permission.Permission;
import java.time.Clock;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Creating and reading guilds and their channels. */
public final class GuildService {
    /** Discord's cap on channels per guild. */
    static final int MAX_CHANNELS = 500;
    private final GuildRepository guilds;
    private final ChannelRepository channels;
    private final MemberRepository members;
    private final AccessService access;
    private final EventPublisher events;
    private final SnowflakeGenerator ids;
    private final Clock clock;

    public GuildService(GuildRepository guilds, ChannelRepository channels, MemberRepository members, AccessService access,
                        EventPublisher events, SnowflakeGenerator ids, Clock clock) {
        this.guilds = guilds;
        this.channels = channels;
        this.members = members;
        this.access = access;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** A new guild: @everyone (id = guild id) with Discord's defaults, a category, #general in it, and the owner. */
    public Guild create(long ownerId, String name) {
        long guildId = ids.next();
        long categoryId = ids.next();
        long generalId = ids.next();
        Role everyone = Role.create(guildId, "@everyone", 0, false, 0, Permission.DEFAULT_EVERYONE, false, false);
        Channel category = new Channel(categoryId, ChannelType.GUILD_CATEGORY, guildId, "Text Channels", 0, null, null, false, 0, List.of());
        Channel general = new Channel(generalId, ChannelType.GUILD_TEXT, guildId, "general", 0, categoryId, null, false, 0, List.of());
        guilds.create(new GuildRow(guildId, name, ownerId, generalId), everyone, List.of(category, general), clock.instant());
        announceMember(guildId, ownerId);
        return Guild.of(guildId, name, ownerId, List.of(everyone), generalId);
    }

    /** Tells the member's sessions (GUILD_CREATE) and the guild (GUILD_MEMBER_ADD) that they joined. */
    public void announceMember(long guildId, long userId) {
        Member member = members.find(guildId, userId).orElseThrow();
        ObjectNode payload = (ObjectNode) Json.tree(member);
        payload.put("guild_id", Long.toString(guildId));
        events.publish("GUILD_MEMBER_ADD", guildId, 0, List.of(userId), payload);
    }

    public Guild get(long userId, long guildId) {
        GuildContext ctx = access.guild(userId, guildId);
        GuildRow g = ctx.guild();
        return Guild.of(g.id(), g.name(), g.ownerId(), guilds.roles(guildId), g.systemChannelId());
    }

    /** The guild's channels the caller can view. */
    public List<Channel> channels(long userId, long guildId) {
        GuildContext ctx = access.guild(userId, guildId);
        return channels.inGuild(guildId).stream()
                .filter(c -> ctx.access().canView(ctx.member(), c.id(), clock.instant()))
                .toList();
    }

    public record NewChannel(String name, int type, Long parentId, String topic, boolean nsfw, int rateLimitPerUser,
                             int position, List<Overwrite> overwrites) {}

    public Channel createChannel(long userId, long guildId, NewChannel spec) {
        access.guild(userId, guildId, Permission.MANAGE_CHANNELS);
        if (spec.parentId() != null) {
            boolean validParent = channels.find(spec.parentId())
                    .filter(p -> p.guildId() != null && p.guildId() == guildId && p.type() == ChannelType.GUILD_CATEGORY)
                    .isPresent();
            if (!validParent || spec.type() == ChannelType.GUILD_CATEGORY) {
                throw InvalidForm.of("parent_id", "CHANNEL_PARENT_INVALID", "Category does not exist");
            }
        }
        if (channels.countInGuild(guildId) >= MAX_CHANNELS) {
            throw InvalidForm.of("", "GUILD_CHANNELS_LIMIT", "Maximum number of guild channels reached (" + MAX_CHANNELS + ")");
        }
        String name = spec.type() == ChannelType.GUILD_TEXT ? spec.name().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", "-") : spec.name();
        Channel channel = new Channel(ids.next(), spec.type(), guildId, name, spec.position(), spec.parentId(), spec.topic(),
                spec.nsfw(), spec.rateLimitPerUser(), spec.overwrites());
        channels.insert(channel);
        events.publish("CHANNEL_CREATE", guildId, channel.id(), List.of(), channel);
        return channel;
    }
}
