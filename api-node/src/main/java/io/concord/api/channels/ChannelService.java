package io.concord.api.channels;

import io.concord.api.access.AccessService;
import io.concord.api.access.ChannelContext;
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
import io.concord.common.guild.MemberRepository;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.model.Channel;
import io.concord.common.model.ChannelType;
import io.concord.common.model.Role;
import io.concord.common.permission.Overwrite;
import io.concord.common.permission.Permission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Guild channels: create, read, edit, reorder, delete, and their permission overwrites. Every change
 * is published with the channel's own id, so only members who can view the channel receive it.
 */
public final class ChannelService {
    /** Discord's cap on channels per guild. */
    static final int MAX_CHANNELS = 500;
    private final GuildRepository guilds;
    private final ChannelRepository channels;
    private final AccessService access;
    private final OverwritePolicy policy;
    private final EventPublisher events;
    private final SnowflakeGenerator ids;
    private final Clock clock;
    private final AuditLog audit;

    public ChannelService(GuildRepository guilds, ChannelRepository channels, MemberRepository members, AccessService access,
                          EventPublisher events, SnowflakeGenerator ids, Clock clock, AuditLog audit) {
        this.guilds = guilds;
        this.channels = channels;
        this.access = access;
        this.policy = new OverwritePolicy(guilds, members);
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    /** The guild's channels the caller can view. */
    public List<Channel> list(long userId, long guildId) {
        GuildContext ctx = access.guild(userId, guildId);
        return channels.inGuild(guildId).stream()
                .filter(c -> Permission.hasAll(access.permissionsIn(ctx, c), Permission.VIEW_CHANNEL))
                .toList();
    }

    public Channel create(long userId, long guildId, NewChannel spec, Optional<String> reason) {
        GuildContext ctx = access.guild(userId, guildId, Permission.MANAGE_CHANNELS);
        if (!spec.overwrites().isEmpty()) {
            if (!Permission.hasAll(ctx.permissions(), Permission.MANAGE_ROLES)) throw new MissingPermissions();
            policy.requireGrantable(guildId, ctx.guild().ownerId(), ctx.member(), ctx.permissions(), spec.overwrites());
            policy.requireTargets(guildId, spec.overwrites());
        }
        if (spec.parentId() != null) requireParent(guildId, spec.type(), spec.parentId());
        if (channels.countInGuild(guildId) >= MAX_CHANNELS) {
            throw InvalidForm.of("", "GUILD_CHANNELS_LIMIT", "Maximum number of guild channels reached (" + MAX_CHANNELS + ")");
        }
        boolean voice = spec.type() == ChannelType.GUILD_VOICE;
        boolean text = ChannelType.isText(spec.type());
        Channel channel = new Channel(ids.next(), spec.type(), guildId, displayName(spec.type(), spec.name()), spec.position(),
                spec.parentId(), text ? spec.topic() : null, spec.nsfw(), text ? spec.rateLimitPerUser() : 0, spec.overwrites(),
                voice ? spec.bitrate() : null, voice ? spec.userLimit() : null);
        channels.insert(channel);
        events.publish("CHANNEL_CREATE", guildId, channel.id(), List.of(), channel);
        audit.record(new AuditEntry(guildId, userId, AuditAction.CHANNEL_CREATE, channel.id(),
                AuditChanges.created(AuditFields.channel(channel, true)), Map.of(), reason));
        return channel;
    }

    public Channel get(long userId, long channelId) {
        return access.channel(userId, channelId).channel();
    }

    public Channel edit(long userId, long channelId, ChannelEdit edit, Optional<String> reason) {
        ChannelContext ctx = access.channel(userId, channelId, Permission.MANAGE_CHANNELS);
        Channel old = ctx.channel();
        long guildId = ctx.guildId();
        int type = edit.type().orElse(old.type());
        if (type != old.type() && !(ChannelType.isText(old.type()) && ChannelType.isText(type))) {
            throw InvalidForm.of("type", "CHANNEL_TYPE_INVALID", "Only text and announcement channels can be converted into each other.");
        }
        List<Overwrite> overwrites = old.permissionOverwrites();
        if (edit.overwrites().isPresent() && !sameOverwrites(old.permissionOverwrites(), edit.overwrites().get())) {
            if (!Permission.hasAll(ctx.permissions(), Permission.MANAGE_ROLES)) throw new MissingPermissions();
            policy.requireGrantable(guildId, ctx.guild().ownerId(), ctx.member(), ctx.permissions(),
                    changed(old.permissionOverwrites(), edit.overwrites().get()));
            Set<Overwrite> added = new HashSet<>(edit.overwrites().get());
            added.removeAll(old.permissionOverwrites());
            policy.requireTargets(guildId, added);
            overwrites = edit.overwrites().get();
        }
        Long parent = edit.clearParent() ? null : edit.parentId().map(Long::valueOf).orElse(old.parentId());
        if (edit.parentId().isPresent()) requireParent(guildId, type, edit.parentId().get());
        boolean text = ChannelType.isText(type);
        boolean voice = type == ChannelType.GUILD_VOICE;
        String topic = !text ? null : edit.clearTopic() ? null : edit.topic().orElse(old.topic());
        Channel updated = new Channel(old.id(), type, old.guildId(), edit.name().map(n -> displayName(type, n)).orElse(old.name()),
                edit.position().orElse(old.position()), parent, topic, edit.nsfw().orElse(old.nsfw()),
                text ? edit.rateLimitPerUser().orElse(old.rateLimitPerUser()) : 0, overwrites,
                voice ? edit.bitrate().orElse(old.bitrate()) : null, voice ? edit.userLimit().orElse(old.userLimit()) : null);
        if (!updated.equals(old)) {
            channels.update(updated);
            events.publish("CHANNEL_UPDATE", guildId, channelId, List.of(), updated);
            auditChange(ctx.roles(), userId, old, updated, reason);
        }
        return updated;
    }

    /** Deletes the channel; a category's children stay, without a parent. */
    public Channel delete(long userId, long channelId, Optional<String> reason) {
        ChannelContext ctx = access.channel(userId, channelId, Permission.MANAGE_CHANNELS);
        long guildId = ctx.guildId();
        List<Long> orphans = channels.delete(channelId);
        events.publish("CHANNEL_DELETE", guildId, channelId, List.of(), ctx.channel());
        audit.record(new AuditEntry(guildId, userId, AuditAction.CHANNEL_DELETE, channelId,
                AuditChanges.deleted(AuditFields.channel(ctx.channel(), true)), Map.of(), reason));
        for (long orphan : orphans) channels.find(orphan).ifPresent(c -> events.publish("CHANNEL_UPDATE", guildId, c.id(), List.of(), c));
        guilds.find(guildId).filter(g -> g.systemChannelId() != null && g.systemChannelId() == channelId).ifPresent(g -> {
            var row = new io.concord.common.guild.GuildRow(g.id(), g.name(), g.ownerId(), null, g.icon(), g.description(),
                    g.verificationLevel(), g.defaultMessageNotifications(), g.explicitContentFilter(), g.preferredLocale(), g.afkTimeout());
            guilds.update(row);
            events.publish("GUILD_UPDATE", guildId, 0, List.of(), row.toGuild(guilds.roles(guildId)));
        });
        return ctx.channel();
    }

    /** {@code PATCH /guilds/{id}/channels}: positions, parents and permission syncing with the parent. */
    public void reorder(long userId, long guildId, List<PositionEdit> edits, Optional<String> reason) {
        GuildContext ctx = access.guild(userId, guildId, Permission.MANAGE_CHANNELS);
        Map<Long, Channel> byId = channels.inGuild(guildId).stream()
                .collect(Collectors.toMap(Channel::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        for (PositionEdit e : edits) if (!byId.containsKey(e.id())) throw new NotFound(NotFound.Resource.CHANNEL);
        List<Channel> changed = new ArrayList<>();
        for (PositionEdit e : edits) {
            Channel old = byId.get(e.id());
            if (e.parentId().isPresent()) requireParent(guildId, old.type(), e.parentId().get());
            Long parent = e.clearParent() ? null : e.parentId().map(Long::valueOf).orElse(old.parentId());
            Channel moved = old.withPosition(e.position().orElse(old.position()), parent);
            if (e.lockPermissions() && parent != null) moved = moved.withOverwrites(byId.get(parent).permissionOverwrites());
            if (!moved.equals(old)) changed.add(moved);
        }
        if (changed.isEmpty()) return;
        channels.updateAll(changed);
        for (Channel c : changed) {
            events.publish("CHANNEL_UPDATE", guildId, c.id(), List.of(), c);
            auditChange(ctx.roles(), userId, byId.get(c.id()), c, reason);
        }
    }

    /** {@code PUT /channels/{id}/permissions/{target}}: creates or replaces one overwrite. */
    public void putOverwrite(long userId, long channelId, Overwrite overwrite, Optional<String> reason) {
        ChannelContext ctx = access.channel(userId, channelId, Permission.MANAGE_ROLES);
        Channel old = ctx.channel();
        Optional<Overwrite> existing = old.permissionOverwrites().stream().filter(o -> o.id() == overwrite.id()).findFirst();
        List<Overwrite> touched = new ArrayList<>(List.of(overwrite));
        existing.ifPresent(touched::add);
        policy.requireGrantable(ctx.guildId(), ctx.guild().ownerId(), ctx.member(), ctx.permissions(), touched);
        policy.requireTargets(ctx.guildId(), List.of(overwrite));
        if (existing.equals(Optional.of(overwrite))) return;
        channels.putOverwrite(channelId, overwrite);
        channels.find(channelId).ifPresent(c -> events.publish("CHANNEL_UPDATE", ctx.guildId(), channelId, List.of(), c));
        auditOverwrite(ctx.roles(), ctx.guildId(), userId, channelId, existing, Optional.of(overwrite), reason);
    }

    /** {@code DELETE /channels/{id}/permissions/{target}}: 204 whether or not there was one, as Discord answers. */
    public void deleteOverwrite(long userId, long channelId, long targetId, Optional<String> reason) {
        ChannelContext ctx = access.channel(userId, channelId, Permission.MANAGE_ROLES);
        Optional<Overwrite> existing = ctx.channel().permissionOverwrites().stream().filter(o -> o.id() == targetId).findFirst();
        if (existing.isEmpty()) return;
        policy.requireGrantable(ctx.guildId(), ctx.guild().ownerId(), ctx.member(), ctx.permissions(), List.of(existing.get()));
        if (!channels.deleteOverwrite(channelId, targetId)) return;
        channels.find(channelId).ifPresent(c -> events.publish("CHANNEL_UPDATE", ctx.guildId(), channelId, List.of(), c));
        auditOverwrite(ctx.roles(), ctx.guildId(), userId, channelId, existing, Optional.empty(), reason);
    }

    /** CHANNEL_UPDATE for the channel's own fields, and one CHANNEL_OVERWRITE_* entry per overwrite added, changed or removed. */
    private void auditChange(List<Role> roles, long userId, Channel before, Channel after, Optional<String> reason) {
        long guildId = after.guildId();
        var changes = AuditChanges.between(AuditFields.channel(before, false), AuditFields.channel(after, false));
        if (!changes.isEmpty()) {
            audit.record(new AuditEntry(guildId, userId, AuditAction.CHANNEL_UPDATE, after.id(), changes, Map.of(), reason));
        }
        Map<Long, Overwrite> old = new LinkedHashMap<>();
        before.permissionOverwrites().forEach(o -> old.put(o.id(), o));
        for (Overwrite o : after.permissionOverwrites()) {
            Optional<Overwrite> was = Optional.ofNullable(old.remove(o.id()));
            if (!was.equals(Optional.of(o))) auditOverwrite(roles, guildId, userId, after.id(), was, Optional.of(o), reason);
        }
        for (Overwrite gone : old.values()) auditOverwrite(roles, guildId, userId, after.id(), Optional.of(gone), Optional.empty(), reason);
    }

    private void auditOverwrite(List<Role> roles, long guildId, long userId, long channelId, Optional<Overwrite> before,
                                Optional<Overwrite> after, Optional<String> reason) {
        Overwrite subject = after.or(() -> before).orElseThrow();
        AuditAction action = before.isEmpty() ? AuditAction.CHANNEL_OVERWRITE_CREATE
                : after.isEmpty() ? AuditAction.CHANNEL_OVERWRITE_DELETE : AuditAction.CHANNEL_OVERWRITE_UPDATE;
        String roleName = roles.stream().filter(r -> r.id() == subject.id()).map(Role::name).findFirst().orElse(null);
        audit.record(new AuditEntry(guildId, userId, action, channelId,
                AuditChanges.between(before.map(AuditFields::overwrite).orElse(Map.of()), after.map(AuditFields::overwrite).orElse(Map.of())),
                AuditFields.overwriteOptions(subject, roleName), reason));
    }

    private void requireParent(long guildId, int type, long parentId) {
        boolean valid = type != ChannelType.GUILD_CATEGORY && channels.find(parentId)
                .filter(p -> p.guildId() != null && p.guildId() == guildId && p.type() == ChannelType.GUILD_CATEGORY)
                .isPresent();
        if (!valid) throw InvalidForm.of("parent_id", "CHANNEL_PARENT_INVALID", "Category does not exist");
    }

    /** Text and announcement names are lower case with dashes, as Discord stores them; others keep their spelling. */
    static String displayName(int type, String name) {
        return ChannelType.isText(type) ? name.toLowerCase(Locale.ROOT).replaceAll("\\s+", "-") : name;
    }

    private static boolean sameOverwrites(List<Overwrite> a, List<Overwrite> b) {
        return new HashSet<>(a).equals(new HashSet<>(b));
    }

    /** The overwrites that differ between the two lists: added, changed (new and old value) and removed. */
    private static Set<Overwrite> changed(List<Overwrite> before, List<Overwrite> after) {
        Set<Overwrite> diff = new HashSet<>(after);
        diff.removeAll(before);
        Set<Overwrite> gone = new HashSet<>(before);
        gone.removeAll(after);
        diff.addAll(gone);
        return diff;
    }
}
