package io.concord.ws.session;

import io.concord.common.routing.InterestRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The sessions this node holds, indexed by guild and by user, mirrored into the shared
 * {@link InterestRegistry} so the fanout relays a guild's events here only while someone here
 * receives them. A session's entries change under its membership lock, so a close racing an
 * IDENTIFY or a guild join never leaves a registration behind.
 */
public final class SessionRegistry {
    private final int nodeId;
    private final InterestRegistry interests;
    private final Set<GatewaySession> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Long, Set<GatewaySession>> byGuild = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<GatewaySession>> byUser = new ConcurrentHashMap<>();
    private final LongConsumer guildForgotten;

    /** @param guildForgotten told when no local session receives a guild any more (to drop caches) */
    public SessionRegistry(int nodeId, InterestRegistry interests, LongConsumer guildForgotten) {
        this.nodeId = nodeId;
        this.interests = interests;
        this.guildForgotten = guildForgotten;
    }

    public void opened(GatewaySession s) {
        open.add(s);
    }

    public int count() {
        return open.size();
    }

    public Collection<GatewaySession> all() {
        return List.copyOf(open);
    }

    public Collection<GatewaySession> inGuild(long guildId) {
        Set<GatewaySession> set = byGuild.get(guildId);
        return set == null ? List.of() : List.copyOf(set);
    }

    public Collection<GatewaySession> ofUser(long userId) {
        Set<GatewaySession> set = byUser.get(userId);
        return set == null ? List.of() : List.copyOf(set);
    }

    /** Registers an identified session under its user and guilds; false if it closed meanwhile. */
    public boolean attach(GatewaySession s, Collection<Long> guildIds) {
        s.membership.lock();
        try {
            if (s.isClosed()) return false;
            // Redis first: if it fails nothing local claims a registration that does not exist.
            interests.addUser(nodeId, s.userId());
            add(byUser, s.userId(), s);
            for (long g : guildIds) join(s, g);
            return true;
        } finally {
            s.membership.unlock();
        }
    }

    /** Adds one guild to a session (a member who just joined); false if it already had it or closed. */
    public boolean addGuild(GatewaySession s, long guildId) {
        s.membership.lock();
        try {
            if (s.isClosed() || s.inGuild(guildId)) return false;
            join(s, guildId);
            return true;
        } finally {
            s.membership.unlock();
        }
    }

    public void removeGuild(GatewaySession s, long guildId) {
        s.membership.lock();
        try {
            if (s.guildIds.remove(guildId)) leave(s, guildId);
        } finally {
            s.membership.unlock();
        }
    }

    /** The socket is gone: forget the session everywhere it was registered. */
    public void closed(GatewaySession s) {
        open.remove(s);
        s.membership.lock();
        try {
            if (!s.markClosed() || s.userId() == 0) return;
            for (long g : s.guilds()) {
                s.guildIds.remove(g);
                leave(s, g);
            }
            if (remove(byUser, s.userId(), s)) interests.removeUser(nodeId, s.userId());
        } finally {
            s.membership.unlock();
        }
    }

    private void join(GatewaySession s, long guildId) {
        interests.addGuild(nodeId, guildId);
        s.guildIds.add(guildId);
        add(byGuild, guildId, s);
    }

    private void leave(GatewaySession s, long guildId) {
        if (!remove(byGuild, guildId, s)) return;
        interests.removeGuild(nodeId, guildId);
        if (!byGuild.containsKey(guildId)) guildForgotten.accept(guildId);
    }

    private static void add(ConcurrentHashMap<Long, Set<GatewaySession>> index, long key, GatewaySession s) {
        index.compute(key, (k, set) -> {
            Set<GatewaySession> v = set == null ? ConcurrentHashMap.newKeySet() : set;
            v.add(s);
            return v;
        });
    }

    private static boolean remove(ConcurrentHashMap<Long, Set<GatewaySession>> index, long key, GatewaySession s) {
        boolean[] removed = {false};
        index.computeIfPresent(key, (k, set) -> {
            removed[0] = set.remove(s);
            return set.isEmpty() ? null : set;
        });
        return removed[0];
    }
}
