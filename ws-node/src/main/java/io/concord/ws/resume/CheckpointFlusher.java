package io.concord.ws.resume;

import io.concord.ws.relay.RoutedPositions;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.OffStream;
import io.concord.ws.session.SessionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
            List<SessionStore.Outcome> outcomes = store.write(planned.stream().map(Planned::write).toList());
            long now = clock.millis();
            for (int i = 0; i < planned.size(); i++) {
                Planned p = planned.get(i);
                switch (outcomes.get(i)) {
                    case WRITTEN -> written(p.track(), p.write(), p.seq(), now);
                    // Nothing written: the next pass writes this session again, with its identity.
                    case NEEDS_IDENTITY -> p.track().identityGeneration = -1;
                    case LOST -> {
                        log.info("session {} was taken over by another node", p.session().id());
                        p.session().close(4009, "Session resumed elsewhere");
                        sessions.end(p.session());
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not write session checkpoints: {}", e.toString());
        }
    }

    private static void written(ResumeTracker.Track t, SessionStore.Write w, long seq, long now) {
        t.writtenSeq = seq;
        t.writtenAtMs = now;
        if (!w.identity().isEmpty()) t.identityGeneration = w.generation();
    }

    /**
     * Under the routing lock, so keep it cheap per session: the node's routed positions are encoded
     * once per pass and each session's floors once, and a guild list is re-encoded only when it changed.
     */
    private List<Planned> plan() {
        List<Planned> planned = new ArrayList<>();
        long now = clock.millis();
        sessions.routingLock().lock();
        try {
            Floors.Routed routed = new Floors.Routed(positions.snapshot());
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
                String cut = "";
                if (changed) {
                    cut = Cut.encode(seq, t.floors.cutText(routed), t.guildsText(s.guildIdArray()), lazy.apply(s));
                }
                planned.add(new Planned(s, t, new SessionStore.Write(s.id(), t.generation, cut, identity(s, t)), changed ? seq : t.writtenSeq));
            }
        } finally {
            sessions.routingLock().unlock();
        }
        return planned;
    }

    /** The identity fields, until the store has them for the session's current generation. */
    private Map<String, String> identity(GatewaySession s, ResumeTracker.Track t) {
        if (t.identityGeneration == t.generation) return Map.of();
        return StoredSession.identity(s.userId(), s.intents(), s.largeThreshold(), nodeId, t.generation);
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
        Floors.Routed routed = new Floors.Routed(positions.snapshot());
        List<GatewaySession> order = new ArrayList<>(coming.size());
        List<SessionStore.Write> writes = new ArrayList<>(coming.size());
        List<Long> seqs = new ArrayList<>(coming.size());
        coming.forEach((s, n) -> {
            ResumeTracker.Track t = tracker.track(s);
            long seq = s.outbox().lastSeq() + n;
            String cut = Cut.encode(seq, t.floors.cutText(routed), t.guildsText(s.guildIdArray()), lazy.apply(s));
            order.add(s);
            writes.add(new SessionStore.Write(s.id(), t.generation, cut, identity(s, t)));
            seqs.add(seq);
        });
        try {
            List<SessionStore.Outcome> outcomes = store.write(writes);
            long now = clock.millis();
            for (int i = 0; i < outcomes.size(); i++) {
                ResumeTracker.Track t = tracker.track(order.get(i));
                if (outcomes.get(i) == SessionStore.Outcome.WRITTEN) written(t, writes.get(i), seqs.get(i), now);
                else if (outcomes.get(i) == SessionStore.Outcome.NEEDS_IDENTITY) t.identityGeneration = -1;
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

    /** A last pass, so a node that stops gracefully leaves its sessions resumable from where they are. */
    @Override
    public void close() {
        flush();
    }
}
