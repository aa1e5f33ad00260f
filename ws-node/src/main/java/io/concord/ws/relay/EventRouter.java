package io.concord.ws.relay;

import io.concord.common.event.GuildEvent;
import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import io.concord.ws.guild.GuildSnapshots;
import io.concord.ws.guild.PermissionCache;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.SessionRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Hands one relayed event to every local session that may see it: sessions in the guild, plus
 * those of users the event names; filtered by intents and, for channel events, by VIEW_CHANNEL.
 * Runs on the relay reader's thread, so per guild the sessions see events in stream order.
 */
public final class EventRouter {
    private static final Set<String> ACCESS_CHANGES = Set.of("CHANNEL_CREATE", "CHANNEL_UPDATE", "CHANNEL_DELETE",
            "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE", "GUILD_ROLE_DELETE", "GUILD_MEMBER_UPDATE", "GUILD_UPDATE");
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
        long guildId = event.guildId();
        OptionalLong subject = subjectUser(event);
        if (ACCESS_CHANGES.contains(event.type())) permissions.invalidateGuild(guildId);
        if (event.type().startsWith("GUILD_MEMBER_")) subject.ifPresent(u -> permissions.invalidateMember(guildId, u));
        if (event.type().equals("GUILD_MEMBER_ADD")) {
            event.userIds().forEach(u -> permissions.invalidateMember(guildId, u));
            event.userIds().forEach(u -> welcome(guildId, u));
        }
        deliver(event);
        if (event.type().equals("GUILD_MEMBER_REMOVE")) {
            subject.ifPresent(u -> sessions.ofUser(u).forEach(s -> sessions.removeGuild(s, guildId)));
        } else if (event.type().equals("GUILD_DELETE")) {
            sessions.inGuild(guildId).forEach(s -> sessions.removeGuild(s, guildId));
        }
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

    private void deliver(GuildEvent event) {
        Set<GatewaySession> targets = new LinkedHashSet<>(sessions.inGuild(event.guildId()));
        for (long u : event.userIds()) targets.addAll(sessions.ofUser(u));
        if (targets.isEmpty()) return;
        long required = EventIntents.required(event.type());
        Instant now = clock.instant();
        Map<Long, Boolean> canView = new HashMap<>();
        Dispatch dispatch = new Dispatch(event.type(), event.payload());
        for (GatewaySession s : targets) {
            if (!s.intents().allows(required)) continue;
            if (event.channelId() != 0 && !canView.computeIfAbsent(s.userId(),
                    u -> permissions.canView(event.guildId(), u, event.channelId(), now))) {
                continue;
            }
            send(s, dispatch);
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
