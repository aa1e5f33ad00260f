package io.concord.ws.presence;

import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.GuildRow;
import io.concord.common.json.Json;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.SessionRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each session's presence in the {@link PresenceStore} and, when what others see of the user
 * changes, publishes PRESENCE_UPDATE {@code {user: {id}, guild_id, status, activities, client_status}}
 * to each of the user's guilds through the guild streams (channel 0: guild-wide), like any other
 * guild event. The relay delivers it to sessions with GUILD_PRESENCES in that guild.
 */
public final class PresenceService {
    static final String OFFLINE = "{\"status\":\"offline\",\"activities\":[],\"client_status\":{}}";
    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

    record Visible(String status, List<Activity> activities, Map<String, String> clientStatus) {}

    private final PresenceStore store;
    private final GuildRepository guilds;
    private final EventStreams streams;
    private final SessionRegistry sessions;
    private final int nodeId;

    public PresenceService(PresenceStore store, GuildRepository guilds, EventStreams streams, SessionRegistry sessions, int nodeId) {
        this.store = store;
        this.guilds = guilds;
        this.streams = streams;
        this.sessions = sessions;
        this.nodeId = nodeId;
    }

    /** Sets the session's presence (IDENTIFY's, then each op 3). */
    public void update(GatewaySession session, Presence presence) {
        if (session.userId() == 0 || session.isClosed()) return;
        Status visible = presence.status().visible();
        String json = Json.write(new Visible(visible.wire(), visible == Status.OFFLINE ? List.of() : presence.activities(),
                visible == Status.OFFLINE ? Map.of() : Map.of("web", visible.wire())));
        publish(store.set(nodeId, session.id(), session.userId(), presence.status(), json));
        // A close that raced this update must not leave the session counted as online.
        if (session.isClosed()) ended(session);
    }

    /** The socket is gone: the user goes offline unless another session keeps them present. */
    public void ended(GatewaySession session) {
        long userId = session.userId();
        if (userId == 0) return;
        try {
            publish(store.remove(nodeId, session.id(), userId));
            if (sessions.ofUser(userId).isEmpty()) store.forgetUser(nodeId, userId);
        } catch (RuntimeException e) {
            log.warn("could not end the presence of a closed session", e);
        }
    }

    /** What others see of these users, for those not offline: the JSON {@code status, activities, client_status}. */
    public Map<Long, String> visible(List<Long> userIds) {
        List<Optional<String>> values = store.visible(userIds);
        Map<Long, String> out = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            int at = i;
            values.get(i).ifPresent(v -> out.put(userIds.get(at), v));
        }
        return out;
    }

    /** A presence entry as GUILD_CREATE and GUILD_MEMBERS_CHUNK list it. */
    public static String entry(long userId, String visible) {
        return "{\"user\":{\"id\":\"" + Long.toUnsignedString(userId) + "\"}," + visible.substring(1);
    }

    void publish(PresenceStore.Change change) {
        if (!change.changed()) return;
        String visible = change.after().isEmpty() ? OFFLINE : change.after();
        for (GuildRow guild : guilds.guildsOf(change.userId())) {
            String payload = "{\"user\":{\"id\":\"" + Long.toUnsignedString(change.userId()) + "\"},\"guild_id\":\""
                    + Long.toUnsignedString(guild.id()) + "\"," + visible.substring(1);
            streams.publish(new GuildEvent("PRESENCE_UPDATE", guild.id(), 0, List.of(), payload));
        }
    }
}
