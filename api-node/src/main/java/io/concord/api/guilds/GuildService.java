package io.concord.api.guilds;

import io.concord.api.access.AccessService;
import io.concord.api.access.GuildContext;
import io.concord.api.audit.AuditAction;
import io.concord.api.audit.AuditChanges;
import io.concord.api.audit.AuditEntry;
import io.concord.api.audit.AuditFields;
import io.concord.api.audit.AuditLog;
import io.concord.api.events.EventPublisher;
import io.concord.common.error.InvalidForm;
import io.concord.common.error.MissingPermissions;
import io.concord.common.error.NotFound;
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
import io.concord.common.permission.Permission;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Creating, reading, configuring and deleting guilds. */
public final class GuildService {
    private final GuildRepository guilds;
    private final ChannelRepository channels;
    private final MemberRepository members;
    private final AccessService access;
    private final EventPublisher events;
    private final SnowflakeGenerator ids;
    private final Clock clock;
    private final AuditLog audit;

    public GuildService(GuildRepository guilds, ChannelRepository channels, MemberRepository members, AccessService access,
                        EventPublisher events, SnowflakeGenerator ids, Clock clock, AuditLog audit) {
        this.guilds = guilds;
        this.channels = channels;
        this.members = members;
        this.access = access;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    /** A new guild: @everyone (id = guild id) with Discord's defaults, a category, #general in it, and the owner. */
    public Guild create(long ownerId, String name) {
        long guildId = ids.next();
        long categoryId = ids.next();
        long generalId = ids.next();
        Role everyone = Role.create(guildId, "@everyone", 0, false, 0, Permission.DEFAULT_EVERYONE, false, false);
        Channel category = new Channel(categoryId, ChannelType.GUILD_CATEGORY, guildId, "Text Channels", 0, null, null, false, 0, List.of());
        Channel general = new Channel(generalId, ChannelType.GUILD_TEXT, guildId, "general", 0, categoryId, null, false, 0, List.of());
        GuildRow row = new GuildRow(guildId, name, ownerId, generalId);
        guilds.create(row, everyone, List.of(category, general), clock.instant());
        announceMember(guildId, ownerId);
        return row.toGuild(List.of(everyone));
    }

    /** Tells the member's sessions (GUILD_CREATE) and the guild (GUILD_MEMBER_ADD) that they joined. */
    public void announceMember(long guildId, long userId) {
        Member member = members.find(guildId, userId).orElseThrow();
        ObjectNode payload = (ObjectNode) Json.tree(member);
        payload.put("guild_id", Long.toString(guildId));
        events.publish("GUILD_MEMBER_ADD", guildId, 0, List.of(userId), payload);
    }

    public Guild get(long userId, long guildId, boolean withCounts) {
        GuildContext ctx = access.guild(userId, guildId);
        Guild guild = ctx.guild().toGuild(ctx.roles());
        return withCounts ? guild.withApproximateMemberCount(members.count(guildId)) : guild;
    }

    /** {@code PATCH /guilds/{id}}: MANAGE_GUILD; handing the guild to another member is for the owner alone. */
    public Guild update(long userId, long guildId, GuildSettings s, Optional<String> reason) {
        GuildContext ctx = access.guild(userId, guildId, Permission.MANAGE_GUILD);
        GuildRow old = ctx.guild();
        if (s.ownerId().isPresent() && s.ownerId().get() != old.ownerId()) {
            if (userId != old.ownerId()) throw new MissingPermissions();
            if (!members.isMember(guildId, s.ownerId().get())) throw new NotFound(NotFound.Resource.MEMBER);
        }
        if (s.systemChannelId().isPresent()) {
            boolean textChannelHere = channels.find(s.systemChannelId().get())
                    .filter(c -> c.guildId() != null && c.guildId() == guildId && c.type() == ChannelType.GUILD_TEXT)
                    .isPresent();
            if (!textChannelHere) throw InvalidForm.of("system_channel_id", "CHANNEL_TYPE_INVALID", "Not a text channel of this guild.");
        }
        GuildRow updated = new GuildRow(guildId, s.name().orElse(old.name()), s.ownerId().orElse(old.ownerId()),
                s.clearSystemChannel() ? null : s.systemChannelId().map(Long::valueOf).orElse(old.systemChannelId()),
                s.clearIcon() ? null : old.icon(),
                s.clearDescription() ? null : s.description().orElse(old.description()),
                s.verificationLevel().orElse(old.verificationLevel()),
                s.defaultMessageNotifications().orElse(old.defaultMessageNotifications()),
                s.explicitContentFilter().orElse(old.explicitContentFilter()),
                s.preferredLocale().orElse(old.preferredLocale()), s.afkTimeout().orElse(old.afkTimeout()));
        Guild guild = updated.toGuild(ctx.roles());
        if (!updated.equals(old)) {
            guilds.update(updated);
            events.publish("GUILD_UPDATE", guildId, 0, List.of(), guild);
            audit.record(new AuditEntry(guildId, userId, AuditAction.GUILD_UPDATE, guildId,
                    AuditChanges.between(AuditFields.guild(old), AuditFields.guild(updated)), Map.of(), reason));
        }
        return guild;
    }

    /** {@code DELETE /guilds/{id}}: the owner alone; everything in the guild goes with it. */
    public void delete(long userId, long guildId) {
        GuildContext ctx = access.guild(userId, guildId);
        if (ctx.guild().ownerId() != userId) throw new MissingPermissions();
        if (guilds.delete(guildId)) events.publish("GUILD_DELETE", guildId, 0, List.of(), Map.of("id", Long.toString(guildId)));
    }
}
