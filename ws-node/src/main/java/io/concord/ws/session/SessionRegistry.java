package io.concord.ws.session;

import io.concord.common.routing.InterestRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
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
    /** Identified sessions by id, whether their socket is open or they wait to be resumed. */
    private final ConcurrentHashMap<String, GatewaySession> byId = new ConcurrentHashMap<>();
    /** Sessions whose socket dropped with a resumable code, and until when (epoch ms) they may be resumed. */
    private final ConcurrentHashMap<GatewaySession, Long> detached = new ConcurrentHashMap<>();
    /**
     * Held while one relayed event is routed and while a session changes hands on resume or is
     * checkpointed, so neither ever sees half an event.
     */
    private final ReentrantLock routing = new ReentrantLock();
    private final Clock clock;
    private final long resumeWindowMs;
    private volatile Consumer<GatewaySession> ended = s -> {};
    private volatile Consumer<GatewaySession> attached = s -> {};
    private volatile boolean halted;

    /** @param guildForgotten told when no local session receives a guild any more (to drop caches) */
    public SessionRegistry(int nodeId, InterestRegistry interests, LongConsumer guildForgotten) {
        this(nodeId, interests, guildForgotten, Clock.systemUTC(), Duration.ZERO);
    }

    /** @param resumeWindow how long a session whose socket dropped (not with 1000/1001) may be resumed */
    public SessionRegistry(int nodeId, InterestRegistry interests, LongConsumer guildForgotten, Clock clock, Duration resumeWindow) {
        this.nodeId = nodeId;
        this.interests = interests;
        this.guildForgotten = guildForgotten;
        this.clock = clock;
        this.resumeWindowMs = resumeWindow.toMillis();
    }

    /**
     * Discord: closing with 1000 or 1001 ends the session, as do the closes that tell the client not
     * to reconnect (4004, 4010-4014); any other close, or a dropped connection, leaves it resumable.
     */
    public static boolean resumable(int closeCode) {
        return closeCode != 1000 && closeCode != 1001 && closeCode != 4004 && (closeCode < 4010 || closeCode > 4014);
    }

    /** Told once when a session can no longer be resumed (ended, expired or taken over by another node). */
    public void onEnded(Consumer<GatewaySession> listener) {
        this.ended = listener;
    }

    /** Told when a session has registered its interest (identified or resumed), before anything is sent to it. */
    public void onAttached(Consumer<GatewaySession> listener) {
        this.attached = listener;
    }

    public ReentrantLock routingLock() {
        return routing;
    }

    /** Identified sessions, open or detached. */
    public Collection<GatewaySession> identified() {
        return List.copyOf(byId.values());
    }

    public boolean isDetached(GatewaySession s) {
        return detached.containsKey(s);
    }

    /** The session with this id if this node holds it; a detached one only within its window. */
    public Optional<GatewaySession> byId(String sessionId) {
        GatewaySession s = byId.get(sessionId);
        if (s == null) return Optional.empty();
        Long until = detached.get(s);
        if (until != null && until < clock.millis()) {
            end(s);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /**
     * Hands {@code from}'s guilds, user registration and id to {@code to} (a new socket resuming it):
     * the interest counts do not change, and {@code from} is closed without unregistering anything.
     * Call with the routing lock held.
     */
    public void transfer(GatewaySession from, GatewaySession to) {
        from.membership.lock();
        to.membership.lock();
        try {
            detached.remove(from);
            byId.remove(from.id(), from);
            from.markClosed();
            to.resumedAs(from.id());
            Set<Long> moving = from.takeGuildIds();
            to.addGuildIds(moving);
            for (long g : moving) swap(byGuild, g, from, to);
            swap(byUser, from.userId(), from, to);
            byId.put(to.id(), to);
        } finally {
            to.membership.unlock();
            from.membership.unlock();
        }
        // A session still on its old socket (the client resumed before the node saw the drop) loses it.
        from.close(4009, "Session resumed elsewhere");
    }

    /** A new socket carries on a session another node held, under its id; call before {@link #attach}. */
    public void adopt(GatewaySession s, String sessionId) {
        s.resumedAs(sessionId);
    }

    /** Ends detached sessions whose window has passed. */
    public void expireDetached() {
        long now = clock.millis();
        detached.forEach((s, until) -> {
            if (until < now) end(s);
        });
    }

    /** Ends a session for good: unregisters it and tells the listener (the shared session store). */
    public void end(GatewaySession s) {
        detached.remove(s);
        open.remove(s);
        s.membership.lock();
        try {
            s.markClosed();
            unregister(s);
        } finally {
            s.membership.unlock();
        }
    }

    private static void swap(ConcurrentHashMap<Long, Set<GatewaySession>> index, long key, GatewaySession from, GatewaySession to) {
        index.computeIfPresent(key, (k, set) -> {
            if (set.remove(from)) set.add(to);
            return set;
        });
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
            for (long g : guildIds) interests.addGuild(nodeId, g);
            // Told before any event can be routed to the session, after every entry from now on will be.
            attached.accept(s);
            add(byUser, s.userId(), s);
            s.addGuildIds(guildIds);
            for (long g : guildIds) add(byGuild, g, s);
            byId.put(s.id(), s);
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
            if (s.removeGuildId(guildId)) leave(s, guildId);
        } finally {
            s.membership.unlock();
        }
    }

    /** The socket is gone: forget the session everywhere it was registered. */
    public void closed(GatewaySession s) {
        closed(s, 1000);
    }

    /**
     * The socket is gone. After a resumable close a READY session stays registered, detached: what
     * is routed to it is numbered and kept for a resume within the window. Otherwise it is forgotten.
     */
    public void closed(GatewaySession s, int closeCode) {
        if (halted) return;
        // Left in the open count until the session is detached or gone, so a count of 0 means settled.
        try {
            s.membership.lock();
            try {
                if (s.isClosed()) return;
                if (resumeWindowMs > 0 && s.isReady() && resumable(closeCode) && byId.get(s.id()) == s) {
                    s.outbox().detach();
                    detached.put(s, clock.millis() + resumeWindowMs);
                    return;
                }
                if (!s.markClosed() || s.userId() == 0) return;
                unregister(s);
            } finally {
                s.membership.unlock();
            }
        } finally {
            open.remove(s);
        }
    }

    /**
     * The node is going down: sockets closing from now on change nothing here or in Redis, so their
     * sessions stay resumable on other nodes (a killed node leaves the same state behind).
     */
    public void halt() {
        halted = true;
    }

    /** Under the membership lock, after markClosed. */
    private void unregister(GatewaySession s) {
        if (s.userId() == 0) return;
        boolean wasRegistered = byId.remove(s.id(), s);
        for (long g : s.takeGuildIds()) leave(s, g);
        if (remove(byUser, s.userId(), s)) interests.removeUser(nodeId, s.userId());
        if (wasRegistered) ended.accept(s);
    }

    private void join(GatewaySession s, long guildId) {
        interests.addGuild(nodeId, guildId);
        s.addGuildIds(List.of(guildId));
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
