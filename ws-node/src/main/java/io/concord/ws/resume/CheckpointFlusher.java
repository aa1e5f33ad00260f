package io.concord.ws.resume;

import io.concord.ws.relay.RoutedPositions;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.SessionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
public final class CheckpointFlusher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CheckpointFlusher.class);
    private final SessionRegistry sessions;
    private final ResumeTracker tracker;
    private final RoutedPositions positions;
    private final SessionStore store;
    private final Clock clock;
    private final int nodeId;
    private final long renewMs;

    public CheckpointFlusher(SessionRegistry sessions, ResumeTracker tracker, RoutedPositions positions, SessionStore store,
                             Clock clock, int nodeId, Duration resumeWindow) {
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
                Optional<Cut> cut = changed ? Optional.of(new Cut(seq, cutPositions(t.floors, routed), s.guilds())) : Optional.empty();
                Map<String, String> identity = StoredSession.identity(s.userId(), s.intents(), s.largeThreshold(), nodeId, t.generation);
                planned.add(new Planned(s, t, new SessionStore.Write(s.id(), t.generation, cut, identity), changed ? seq : t.writtenSeq));
            }
        } finally {
            sessions.routingLock().unlock();
        }
        return planned;
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
