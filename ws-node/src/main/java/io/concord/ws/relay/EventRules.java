package io.concord.ws.relay;

import io.concord.common.event.GuildEvent;
import io.concord.common.event.UserScopedEvents;
import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import io.concord.common.permission.Permission;
import io.concord.ws.guild.GuildSnapshots;
import io.concord.ws.guild.PermissionCache;
import io.concord.ws.lazy.Mentions;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.Intents;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The one place that decides who gets which dispatch for a guild event: sessions in the guild, plus
 * those of users the event names; filtered by intents, for channel events by VIEW_CHANNEL, and for
 * message content by MESSAGE_CONTENT; with the dispatches the node synthesizes (GUILD_CREATE on a
 * join, GUILD_DELETE on a leave). Live routing ({@link EventRouter}) and the rebuild of a resumed
 * session from the guild streams both run events through it, each with its own {@link Audience}
 * and permission cache, so a rebuilt session gets exactly what it would have got live.
 * Events must be routed one at a time in stream order: the permission cache follows them.
 */
public final class EventRules {
    /** After these the guild's roles or owner are read again before anything else is routed. */
    private static final Set<String> GUILD_ACCESS_CHANGES = Set.of("GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE", "GUILD_ROLE_DELETE", "GUILD_UPDATE");
    /** Guild events only members holding a guild permission receive (owner and ADMINISTRATOR hold them all). */
    private static final Map<String, Long> GUILD_PERMISSION_REQUIRED = Map.of("GUILD_AUDIT_LOG_ENTRY_CREATE", Permission.VIEW_AUDIT_LOG);
    private final PermissionCache permissions;
    private final GuildSnapshots snapshots;
    private final Clock clock;

    public EventRules(PermissionCache permissions, GuildSnapshots snapshots, Clock clock) {
        this.permissions = permissions;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    public <S> void route(GuildEvent event, Audience<S> sessions) {
        switch (event.type()) {
            // A DM channel's changes (guild 0) name their recipients: no guild permissions to follow.
            case "CHANNEL_CREATE", "CHANNEL_UPDATE", "CHANNEL_DELETE" -> {
                if (event.guildId() == 0) routeOther(event, sessions);
                else routeChannelChange(event, sessions);
            }
            case "GUILD_MEMBER_REMOVE" -> routeMemberRemove(event, sessions);
            case "GUILD_DELETE" -> routeGuildDelete(event, sessions);
            default -> routeOther(event, sessions);
        }
    }

    private <S> void routeOther(GuildEvent event, Audience<S> sessions) {
        long guildId = event.guildId();
        if (GUILD_ACCESS_CHANGES.contains(event.type())) refresh(guildId, sessions);
        // Cached members still list a deleted role, and its overwrites may outlive it.
        if (event.type().equals("GUILD_ROLE_DELETE")) permissions.invalidateMembers(guildId);
        if (event.type().startsWith("GUILD_MEMBER_")) subjectUser(event).ifPresent(u -> permissions.invalidateMember(guildId, u));
        if (event.type().equals("GUILD_MEMBER_ADD")) {
            event.userIds().forEach(u -> permissions.invalidateMember(guildId, u));
            event.userIds().forEach(u -> welcome(guildId, u, sessions));
        }
        deliver(event, targets(event, sessions), sessions);
    }

    /**
     * Who could view the channel before comes from the cache (as of the previous event), who can
     * after from the payload's overwrites. Per session: kept sees the event itself; on an update,
     * lost gets CHANNEL_DELETE and gained CHANNEL_CREATE, so clients drop or add the channel.
     */
    private <S> void routeChannelChange(GuildEvent event, Audience<S> sessions) {
        long guildId = event.guildId();
        String type = event.type();
        ChannelPayload channel = ChannelPayload.parse(event.payload());
        long channelId = event.channelId() != 0 ? event.channelId() : channel.id().orElse(0);
        if (channelId == 0) {
            // Nothing says which channel: refuse to guess who may see it.
            refresh(guildId, sessions);
            return;
        }
        Optional<GuildAccess> cached = permissions.guild(guildId);
        Optional<GuildAccess> before = cached;
        Optional<GuildAccess> after;
        if (type.equals("CHANNEL_DELETE")) {
            // The payload holds the overwrites as they were when the channel went: the best "before".
            if (cached.isPresent() && channel.overwrites().isPresent()) {
                before = Optional.of(ChannelPayload.withChannel(cached.get(), channelId, channel.overwrites().get()));
            }
            after = before.map(a -> ChannelPayload.withoutChannel(a, channelId));
            after.ifPresent(permissions::replace);
        } else if (cached.isPresent() && channel.overwrites().isPresent()) {
            after = Optional.of(ChannelPayload.withChannel(cached.get(), channelId, channel.overwrites().get()));
            permissions.replace(after.get());
        } else {
            after = permissions.reload(guildId);
        }

        Instant now = clock.instant();
        Map<String, Dispatch> dispatches = new HashMap<>();
        for (S s : targets(event, sessions)) {
            if (!sessions.intents(s).allows(Intents.GUILDS)) continue;
            Optional<MemberAccess> member = permissions.member(guildId, sessions.userId(s));
            boolean was = member.isPresent() && before.isPresent() && before.get().canView(member.get(), channelId, now);
            boolean is = member.isPresent() && after.isPresent() && after.get().canView(member.get(), channelId, now);
            String sent = switch (type) {
                case "CHANNEL_CREATE" -> is ? type : null;
                case "CHANNEL_DELETE" -> was ? type : null;
                default -> was && is ? type : was ? "CHANNEL_DELETE" : is ? "CHANNEL_CREATE" : null;
            };
            if (sent != null) sessions.send(s, dispatches.computeIfAbsent(sent, t -> new Dispatch(t, event.payload())));
        }
    }

    /**
     * Everyone else (with GUILD_MEMBERS) learns the member left; the member's own sessions get
     * GUILD_DELETE {id} instead, as Discord sends on a leave or kick, and stop receiving the guild.
     */
    private <S> void routeMemberRemove(GuildEvent event, Audience<S> sessions) {
        long guildId = event.guildId();
        OptionalLong subject = subjectUser(event);
        if (subject.isEmpty() && event.userIds().size() == 1) subject = OptionalLong.of(event.userIds().getFirst());
        Set<S> targets = targets(event, sessions);
        if (subject.isEmpty()) {
            deliver(event, targets, sessions);
            return;
        }
        long removed = subject.getAsLong();
        permissions.invalidateMember(guildId, removed);
        targets.removeIf(s -> sessions.userId(s) == removed);
        deliver(event, targets, sessions);
        Dispatch guildDelete = new Dispatch("GUILD_DELETE", "{\"id\":\"" + Long.toUnsignedString(guildId) + "\"}");
        for (S s : sessions.ofUser(removed)) {
            if (!sessions.receives(s, guildId)) continue;
            if (sessions.intents(s).allows(Intents.GUILDS)) sessions.send(s, guildDelete);
            sessions.removeGuild(s, guildId);
        }
    }

    /** The guild is gone: every session in it is told, then stops receiving it. */
    private <S> void routeGuildDelete(GuildEvent event, Audience<S> sessions) {
        long guildId = event.guildId();
        deliver(event, targets(event, sessions), sessions);
        sessions.inGuild(guildId).forEach(s -> sessions.removeGuild(s, guildId));
        permissions.forget(guildId);
    }

    /** Reads the guild's access data again now if this node still needs it, else drops it. */
    private <S> void refresh(long guildId, Audience<S> sessions) {
        if (sessions.inGuild(guildId).isEmpty()) permissions.invalidateGuild(guildId);
        else permissions.reload(guildId);
    }

    /** A user's sessions start receiving a guild they just joined, beginning with its GUILD_CREATE. */
    private <S> void welcome(long guildId, long userId, Audience<S> sessions) {
        for (S s : sessions.ofUser(userId)) {
            if (!sessions.isReady(s) || sessions.receives(s, guildId)) continue;
            snapshots.snapshot(guildId, userId, sessions.largeThreshold(s)).ifPresent(snapshot -> {
                if (!sessions.addGuild(s, guildId)) return;
                sessions.received(s, guildId, snapshot.readOnDemand());
                sessions.send(s, new Dispatch("GUILD_CREATE", snapshot.json()));
            });
        }
    }

    private static <S> Set<S> targets(GuildEvent event, Audience<S> sessions) {
        // A user's own event on the guild's stream (MESSAGE_ACK): that user's sessions only.
        Set<S> targets = new LinkedHashSet<>(UserScopedEvents.only(event.type()) ? Set.of() : sessions.inGuild(event.guildId()));
        for (long u : event.userIds()) targets.addAll(sessions.ofUser(u));
        return targets;
    }

    private <S> void deliver(GuildEvent event, Set<S> targets, Audience<S> sessions) {
        if (targets.isEmpty()) return;
        // guild 0: a DM channel's or a user's own event, reaching exactly the users it names.
        boolean guildless = event.guildId() == 0;
        long required = EventIntents.required(event.type(), guildless);
        Instant now = clock.instant();
        Map<Long, Boolean> canView = new HashMap<>();
        long permission = guildless ? 0 : GUILD_PERMISSION_REQUIRED.getOrDefault(event.type(), 0L);
        Map<Long, Boolean> holds = new HashMap<>();
        Dispatch dispatch = new Dispatch(event.type(), event.payload());
        MessageContent content = MessageContent.applies(event.type()) ? MessageContent.of(dispatch) : null;
        // A user's own presence is not echoed to their sessions: their client set it.
        boolean presence = event.type().equals("PRESENCE_UPDATE");
        long presenceOf = presence ? userOf(event).orElse(0) : 0;
        // Large guilds: read-on-demand sessions get channel events of subscribed channels and mentions only.
        boolean onDemandType = !guildless && event.channelId() != 0 && Mentions.readOnDemand(event.type());
        Mentions mentions = null;
        for (S s : targets) {
            if (!sessions.intents(s).allows(required)) continue;
            if (presenceOf != 0 && sessions.userId(s) == presenceOf) continue;
            if (permission != 0 && !holds.computeIfAbsent(sessions.userId(s), u -> holds(event.guildId(), u, permission, now))) continue;
            if (event.channelId() != 0 && !guildless && !canView.computeIfAbsent(sessions.userId(s),
                    u -> permissions.canView(event.guildId(), u, event.channelId(), now))) {
                continue;
            }
            // Presences in a read-on-demand guild follow the member-list windows (live only, see lazy.LargeGuilds).
            if (presence && sessions.readOnDemand(s, event.guildId())) continue;
            if (onDemandType && sessions.readOnDemand(s, event.guildId()) && !sessions.subscribed(s, event.guildId(), event.channelId())) {
                if (mentions == null) mentions = Mentions.of(event.payload());
                if (!mentions.reaches(sessions.userId(s), mentions.namesRoles() ? roles(event.guildId(), sessions.userId(s)) : List.of())) {
                    if (event.type().equals("MESSAGE_CREATE") && mentions.messageId() != 0) {
                        sessions.unread(s, event.guildId(), event.channelId(), mentions.messageId());
                    }
                    continue;
                }
            }
            sessions.send(s, content == null ? dispatch : content.forSession(sessions.intents(s), sessions.userId(s)));
        }
    }

    /** The member's guild-level permissions (as of the previous event) include {@code permission}. */
    private boolean holds(long guildId, long userId, long permission, Instant now) {
        Optional<GuildAccess> guild = permissions.guild(guildId);
        Optional<MemberAccess> member = permissions.member(guildId, userId);
        return guild.isPresent() && member.isPresent() && Permission.hasAll(guild.get().guildPermissions(member.get(), now), permission);
    }

    private Collection<Long> roles(long guildId, long userId) {
        return permissions.member(guildId, userId).map(MemberAccess::roleIds).orElse(List.of());
    }

    /** The member a GUILD_MEMBER_* payload is about ({@code user.id}). */
    private static OptionalLong subjectUser(GuildEvent event) {
        if (!event.type().startsWith("GUILD_MEMBER_")) return OptionalLong.empty();
        return userOf(event);
    }

    /** The payload's {@code user.id}. */
    private static OptionalLong userOf(GuildEvent event) {
        try {
            JsonNode id = Json.parse(event.payload()).path("user").path("id");
            return id.isString() ? Snowflakes.parse(id.stringValue()) : OptionalLong.empty();
        } catch (Json.MalformedJson e) {
            return OptionalLong.empty();
        }
    }
}
