package io.concord.ws.relay;

import io.concord.common.event.GuildEvent;
import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import io.concord.ws.guild.GuildSnapshots;
import io.concord.ws.guild.PermissionCache;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.Intents;
import io.concord.ws.session.SessionRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Hands one relayed event to every local session that may see it: sessions in the guild, plus
 * those of users the event names; filtered by intents, for channel events by VIEW_CHANNEL, and for
 * message content by MESSAGE_CONTENT. Runs on the relay reader's thread, so per guild the sessions
 * see events in stream order, and the permission cache changes in that order too.
 */
public final class EventRouter {
    /** After these the guild's roles or owner are read again before anything else is routed. */
    private static final Set<String> GUILD_ACCESS_CHANGES = Set.of("GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE", "GUILD_ROLE_DELETE", "GUILD_UPDATE");
    private final SessionRegistry sessions;
    private final PermissionCache permissions;
    private final GuildSnapshots snapshots;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public EventRouter(SessionRegistry sessions, PermissionCache permissions, GuildSnapshots snapshots, GatewayMetrics metrics, Clock clock) {
        this.sessions = sessions;
        this.permissions = permissions;
        this.snapshots = snapshots;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void route(GuildEvent event) {
        switch (event.type()) {
            case "CHANNEL_CREATE", "CHANNEL_UPDATE", "CHANNEL_DELETE" -> routeChannelChange(event);
            case "GUILD_MEMBER_REMOVE" -> routeMemberRemove(event);
            case "GUILD_DELETE" -> routeGuildDelete(event);
            default -> routeOther(event);
        }
    }

    private void routeOther(GuildEvent event) {
        long guildId = event.guildId();
        if (GUILD_ACCESS_CHANGES.contains(event.type())) refresh(guildId);
        // Cached members still list a deleted role, and its overwrites may outlive it.
        if (event.type().equals("GUILD_ROLE_DELETE")) permissions.invalidateMembers(guildId);
        if (event.type().startsWith("GUILD_MEMBER_")) subjectUser(event).ifPresent(u -> permissions.invalidateMember(guildId, u));
        if (event.type().equals("GUILD_MEMBER_ADD")) {
            event.userIds().forEach(u -> permissions.invalidateMember(guildId, u));
            event.userIds().forEach(u -> welcome(guildId, u));
        }
        deliver(event, targets(event));
    }

    /**
     * Who could view the channel before comes from the cache (as of the previous event), who can
     * after from the payload's overwrites. Per session: kept sees the event itself; on an update,
     * lost gets CHANNEL_DELETE and gained CHANNEL_CREATE, so clients drop or add the channel.
     */
    private void routeChannelChange(GuildEvent event) {
        long guildId = event.guildId();
        String type = event.type();
        ChannelPayload channel = ChannelPayload.parse(event.payload());
        long channelId = event.channelId() != 0 ? event.channelId() : channel.id().orElse(0);
        if (channelId == 0) {
            // Nothing says which channel: refuse to guess who may see it.
            refresh(guildId);
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
        for (GatewaySession s : targets(event)) {
            if (!s.intents().allows(Intents.GUILDS)) continue;
            Optional<MemberAccess> member = permissions.member(guildId, s.userId());
            boolean was = member.isPresent() && before.isPresent() && before.get().canView(member.get(), channelId, now);
            boolean is = member.isPresent() && after.isPresent() && after.get().canView(member.get(), channelId, now);
            String sent = switch (type) {
                case "CHANNEL_CREATE" -> is ? type : null;
                case "CHANNEL_DELETE" -> was ? type : null;
                default -> was && is ? type : was ? "CHANNEL_DELETE" : is ? "CHANNEL_CREATE" : null;
            };
            if (sent != null) send(s, dispatches.computeIfAbsent(sent, t -> new Dispatch(t, event.payload())));
        }
    }

    /**
     * Everyone else (with GUILD_MEMBERS) learns the member left; the member's own sessions get
     * GUILD_DELETE {id} instead, as Discord sends on a leave or kick, and stop receiving the guild.
     */
    private void routeMemberRemove(GuildEvent event) {
        long guildId = event.guildId();
        OptionalLong subject = subjectUser(event);
        if (subject.isEmpty() && event.userIds().size() == 1) subject = OptionalLong.of(event.userIds().getFirst());
        Set<GatewaySession> targets = targets(event);
        if (subject.isEmpty()) {
            deliver(event, targets);
            return;
        }
        long removed = subject.getAsLong();
        permissions.invalidateMember(guildId, removed);
        targets.removeIf(s -> s.userId() == removed);
        deliver(event, targets);
        Dispatch guildDelete = new Dispatch("GUILD_DELETE", "{\"id\":\"" + Long.toUnsignedString(guildId) + "\"}");
        for (GatewaySession s : sessions.ofUser(removed)) {
            if (!s.inGuild(guildId)) continue;
            if (s.intents().allows(Intents.GUILDS)) send(s, guildDelete);
            sessions.removeGuild(s, guildId);
        }
    }

    /** The guild is gone: every session in it is told, then stops receiving it. */
    private void routeGuildDelete(GuildEvent event) {
        long guildId = event.guildId();
        deliver(event, targets(event));
        sessions.inGuild(guildId).forEach(s -> sessions.removeGuild(s, guildId));
        permissions.forget(guildId);
    }

    /** Reads the guild's access data again now if this node still needs it, else drops it. */
    private void refresh(long guildId) {
        if (sessions.inGuild(guildId).isEmpty()) permissions.invalidateGuild(guildId);
        else permissions.reload(guildId);
    }

    /** A user's sessions start receiving a guild they just joined, beginning with its GUILD_CREATE. */
    private void welcome(long guildId, long userId) {
        for (GatewaySession s : sessions.ofUser(userId)) {
            if (!s.isReady() || s.inGuild(guildId)) continue;
            snapshots.guildCreate(guildId, userId, s.largeThreshold()).ifPresent(json -> {
                if (sessions.addGuild(s, guildId)) send(s, new Dispatch("GUILD_CREATE", json));
            });
        }
    }

    private Set<GatewaySession> targets(GuildEvent event) {
        Set<GatewaySession> targets = new LinkedHashSet<>(sessions.inGuild(event.guildId()));
        for (long u : event.userIds()) targets.addAll(sessions.ofUser(u));
        return targets;
    }

    private void deliver(GuildEvent event, Set<GatewaySession> targets) {
        if (targets.isEmpty()) return;
        // guild 0: a DM channel's or a user's own event, reaching exactly the users it names.
        boolean guildless = event.guildId() == 0;
        long required = EventIntents.required(event.type(), guildless);
        Instant now = clock.instant();
        Map<Long, Boolean> canView = new HashMap<>();
        Dispatch dispatch = new Dispatch(event.type(), event.payload());
        MessageContent content = MessageContent.applies(event.type()) ? MessageContent.of(dispatch) : null;
        for (GatewaySession s : targets) {
            if (!s.intents().allows(required)) continue;
            if (event.channelId() != 0 && !guildless && !canView.computeIfAbsent(s.userId(),
                    u -> permissions.canView(event.guildId(), u, event.channelId(), now))) {
                continue;
            }
            send(s, content == null ? dispatch : content.forSession(s));
        }
    }

    private void send(GatewaySession s, Dispatch d) {
        if (s.dispatch(d)) metrics.dispatched(d.type());
    }

    /** The member a GUILD_MEMBER_* payload is about ({@code user.id}). */
    private static OptionalLong subjectUser(GuildEvent event) {
        if (!event.type().startsWith("GUILD_MEMBER_")) return OptionalLong.empty();
        try {
            JsonNode id = Json.parse(event.payload()).path("user").path("id");
            return id.isString() ? Snowflakes.parse(id.stringValue()) : OptionalLong.empty();
        } catch (Json.MalformedJson e) {
            return OptionalLong.empty();
        }
    }
}
