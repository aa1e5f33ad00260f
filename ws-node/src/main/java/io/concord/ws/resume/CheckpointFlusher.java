package io.concord.ws.resume;

import io.concord.ws.relay.RoutedPositions;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.OffStream;
import io.concord.ws.session.SessionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;

/**
 * Writes the node's sessions to the {@link SessionStore} about once a second: a new {@link Cut} for
 * each connected session that was sent something since, an expiry renewal for the others. The cuts
 * are taken under the routing lock, so each is consistent (no half-routed event), and written in one
 * pipelined round trip. A detached session keeps its cuts from while it was connected (the client
 * has seen nothing since) and is renewed every pass. A write refused because another node took the
 * session over ends the copy here.
 */
public final class CheckpointFlusher implements AutoCloseable, OffStream {
    private static final Logger log = LoggerFactory.getLogger(CheckpointFlusher.class);
    private final SessionRegistry sessions;
    private final ResumeTracker tracker;
    private final RoutedPositions positions;
    private final SessionStore store;
    private final Clock clock;
    private final int nodeId;
    private final long renewMs;
    /** The session's large-guild state for its cuts (lazy.LazyResume#checkpoint), read under the routing lock. */
    private final Function<GatewaySession, String> lazy;

    public CheckpointFlusher(SessionRegistry sessions, ResumeTracker tracker, RoutedPositions positions, SessionStore store,
                             Clock clock, int nodeId, Duration resumeWindow) {
        this(sessions, tracker, positions, store, clock, nodeId, resumeWindow, s -> "");
    }

    public CheckpointFlusher(SessionRegistry sessions, ResumeTracker tracker, RoutedPositions positions, SessionStore store,
                             Clock clock, int nodeId, Duration resumeWindow, Function<GatewaySession, String> lazy) {
        this.lazy = lazy;
        this.sessions = sessions;
        this.tracker = tracker;
        this.positions = positions;
        this.store = store;
        this.clock = clock;
        this.nodeId = nodeId;
        this.renewMs = resumeWindow.toMillis() / 4;
    }

    private record Planned(GatewaySession session, ResumeTracker.Track track, SessionStore.Write write, long seq) {}

    /** One pass; also ends detached sessions whose window has passed. */
    public void flush() {
        try {
            sessions.expireDetached();
            List<Planned> planned = plan();
            List<Boolean> held = store.write(planned.stream().map(Planned::write).toList());
            long now = clock.millis();
            for (int i = 0; i < planned.size(); i++) {
                Planned p = planned.get(i);
                if (held.get(i)) {
                    p.track().writtenSeq = p.seq();
                    p.track().writtenAtMs = now;
                } else {
                    log.info("session {} was taken over by another node", p.session().id());
                    p.session().close(4009, "Session resumed elsewhere");
                    sessions.end(p.session());
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not write session checkpoints: {}", e.toString());
        }
    }

    private List<Planned> plan() {
        List<Planned> planned = new ArrayList<>();
        long now = clock.millis();
        sessions.routingLock().lock();
        try {
            Map<Integer, StreamEntryID> routed = positions.snapshot();
            for (GatewaySession s : sessions.identified()) {
                if (!s.isReady() || s.isClosed()) continue;
                ResumeTracker.Track t = tracker.track(s);
                if (t.pending != null) continue;
                t.settle(routed);
                long seq = s.outbox().lastSeq();
                boolean detached = sessions.isDetached(s);
                boolean changed = seq != t.writtenSeq && !detached;
                // Detached sessions are checked every pass: one resumed elsewhere is let go of at once.
                if (!changed && !detached && now - t.writtenAtMs < renewMs) continue;
                Optional<Cut> cut = changed ? Optional.of(new Cut(seq, cutPositions(t.floors, routed), s.guilds(), lazy.apply(s))) : Optional.empty();
                Map<String, String> identity = StoredSession.identity(s.userId(), s.intents(), s.largeThreshold(), nodeId, t.generation);
                planned.add(new Planned(s, t, new SessionStore.Write(s.id(), t.generation, cut, identity), changed ? seq : t.writtenSeq));
            }
        } finally {
            sessions.routingLock().unlock();
        }
        return planned;
    }

    /**
     * Before dispatches that are not in the guild streams (RESUMED, op 8 answers) are numbered: a
     * rebuild cannot reproduce them, so a resume elsewhere from an older cut would number every later
     * dispatch wrong. Writes, synchronously, a cut that already counts the {@code coming} dispatches.
     * The caller holds the routing lock from before this call until they are enqueued, so nothing
     * else is numbered in between. If Redis fails the dispatches go anyway (logged): the next pass
     * writes the cut, and until then a resume elsewhere may be refused.
     */
    public void writeAhead(GatewaySession s, int coming) {
        writeAhead(Map.of(s, coming));
    }

    /**
     * {@link #writeAhead(GatewaySession, int)} for several sessions in one round trip (the large-guild
     * flush: member-list updates, presences and unread hints of many sessions at once).
     */
    public void writeAhead(Map<GatewaySession, Integer> coming) {
        if (!sessions.routingLock().isHeldByCurrentThread()) throw new IllegalStateException("routing lock not held");
        if (coming.isEmpty()) return;
        Map<Integer, StreamEntryID> routed = positions.snapshot();
        List<GatewaySession> order = new ArrayList<>(coming.size());
        List<SessionStore.Write> writes = new ArrayList<>(coming.size());
        List<Long> seqs = new ArrayList<>(coming.size());
        coming.forEach((s, n) -> {
            ResumeTracker.Track t = tracker.track(s);
            long seq = s.outbox().lastSeq() + n;
            Cut cut = new Cut(seq, cutPositions(t.floors, routed), s.guilds(), lazy.apply(s));
            Map<String, String> identity = StoredSession.identity(s.userId(), s.intents(), s.largeThreshold(), nodeId, t.generation);
            order.add(s);
            writes.add(new SessionStore.Write(s.id(), t.generation, Optional.of(cut), identity));
            seqs.add(seq);
        });
        try {
            List<Boolean> held = store.write(writes);
            long now = clock.millis();
            for (int i = 0; i < held.size(); i++) {
                if (!held.get(i)) continue;
                ResumeTracker.Track t = tracker.track(order.get(i));
                t.writtenSeq = seqs.get(i);
                t.writtenAtMs = now;
            }
        } catch (RuntimeException e) {
            log.warn("could not write the checkpoints of {} sessions ahead of their dispatches: {}", writes.size(), e.toString());
        }
    }

    @Override
    public int send(GatewaySession s, List<Dispatch> dispatches) {
        sessions.routingLock().lock();
        try {
            writeAhead(s, dispatches.size());
            int sent = 0;
            for (Dispatch d : dispatches) {
                if (s.dispatch(d)) sent++;
            }
            return sent;
        } finally {
            sessions.routingLock().unlock();
        }
    }

    /** Per partition the later of where the session started and what the node has routed since. */
    static Map<Integer, StreamEntryID> cutPositions(Map<Integer, StreamEntryID> floors, Map<Integer, StreamEntryID> routed) {
        Map<Integer, StreamEntryID> cut = new HashMap<>(floors);
        routed.forEach((p, id) -> cut.merge(p, id, (a, b) -> a.compareTo(b) >= 0 ? a : b));
        return cut;
    }

    /** A last pass, so a node that stops gracefully leaves its sessions resumable from where they are. */
    @Override
    public void close() {
        flush();
    }
}
