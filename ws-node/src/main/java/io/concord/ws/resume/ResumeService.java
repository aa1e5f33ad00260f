package io.concord.ws.resume;

import io.concord.common.auth.Principal;
import io.concord.common.auth.TokenAuthenticator;
import io.concord.ws.gateway.GatewayClose;
import io.concord.ws.lazy.LazyResume;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.Frames;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.ReplayBuffer;
import io.concord.ws.session.SessionRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import redis.clients.jedis.StreamEntryID;

/**
 * Turns an op 6 RESUME into the session it names, on this node: the dispatches after the client's
 * {@code seq} in order, then RESUMED (numbered like any dispatch), then live events. A session this
 * node holds is replayed from its buffer; one another node held (alive or killed) is rebuilt from
 * the guild streams after its last {@link Cut} the client had seen all of. A token of another user
 * closes with 4004; a session that cannot be resumed gets op 9 {@code false}.
 */
public final class ResumeService {
    private static final Logger log = LoggerFactory.getLogger(ResumeService.class);
    static final Dispatch RESUMED = new Dispatch("RESUMED", "{\"_trace\":[\"concord\"]}");
    private final TokenAuthenticator authenticator;
    private final SessionRegistry sessions;
    private final ResumeTracker tracker;
    private final SessionStore store;
    private final StreamRebuild rebuild;
    private final GatewayMetrics metrics;
    private final CheckpointFlusher checkpoints;
    private final int nodeId;

    /** @param onResumed told of each session that got RESUMED (its presence comes back online) */
    public ResumeService(TokenAuthenticator authenticator, SessionRegistry sessions, ResumeTracker tracker, SessionStore store,
                         StreamRebuild rebuild, GatewayMetrics metrics, CheckpointFlusher checkpoints, int nodeId,
                         java.util.function.Consumer<GatewaySession> onResumed) {
        this(authenticator, sessions, tracker, store, rebuild, metrics, checkpoints, nodeId, onResumed, LazyResume.NONE);
    }

    /** @param lazy carries large-guild state (subscriptions, read-on-demand guilds) into a session rebuilt here */
    public ResumeService(TokenAuthenticator authenticator, SessionRegistry sessions, ResumeTracker tracker, SessionStore store,
                         StreamRebuild rebuild, GatewayMetrics metrics, CheckpointFlusher checkpoints, int nodeId,
                         java.util.function.Consumer<GatewaySession> onResumed, LazyResume lazy) {
        this.lazy = lazy;
        this.onResumed = onResumed;
        this.checkpoints = checkpoints;
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.tracker = tracker;
        this.store = store;
        this.rebuild = rebuild;
        this.metrics = metrics;
        this.nodeId = nodeId;
    }

    private final java.util.function.Consumer<GatewaySession> onResumed;
    private final LazyResume lazy;

    public void resume(GatewaySession session, ResumeRequest request) {
        if (session.isIdentified()) throw GatewayClose.alreadyAuthenticated();
        Principal principal = authenticator.authenticateGateway(request.token()).orElseThrow(GatewayClose::authenticationFailed);
        if (request.sessionId().isEmpty()) {
            invalid(session, "unknown_session");
            return;
        }
        String id = request.sessionId().get();
        Optional<GatewaySession> local = sessions.byId(id);
        if (local.isPresent()) resumeHere(session, local.get(), principal, request.seq());
        else resumeFromStore(session, id, principal, request.seq());
    }

    /** The session is on this node (detached, or its old socket not yet seen gone): replay from its buffer. */
    private void resumeHere(GatewaySession session, GatewaySession old, Principal principal, long seq) {
        if (old.userId() != principal.userId()) foreignToken();
        if (!old.isReady()) {
            invalid(session, "not_ready");
            return;
        }
        // Bumps the generation, so a copy elsewhere (the client resumed there before) can no longer write.
        Optional<StoredSession> stored = store.take(old.id(), nodeId);
        if (stored.isPresent() && stored.get().node() != nodeId) {
            sessions.end(old);
            invalid(session, "taken");
            return;
        }
        long generation = stored.map(StoredSession::generation).orElse(tracker.track(old).generation);
        sessions.routingLock().lock();
        try {
            Optional<List<ReplayBuffer.Entry>> missed = old.outbox().entriesAfter(seq);
            if (missed.isEmpty()) {
                sessions.end(old);
                invalid(session, "seq_not_buffered");
                return;
            }
            long lastSeq = old.outbox().lastSeq();
            session.beginIdentify();
            session.identified(old.userId(), old.intents(), old.largeThreshold());
            sessions.transfer(old, session);
            tracker.moved(old, session, generation);
            session.outbox().continueFrom(lastSeq, missed.get());
            checkpoints.writeAhead(session, 1);
            session.ready(List.of(RESUMED));
        } finally {
            sessions.routingLock().unlock();
        }
        resumed(session, "ok_local");
    }

    /** Another node held the session: take it over in Redis and rebuild what the client missed from the guild streams. */
    private void resumeFromStore(GatewaySession session, String id, Principal principal, long seq) {
        Optional<Long> owner = store.user(id);
        if (owner.isEmpty()) {
            invalid(session, "unknown_session");
            return;
        }
        if (owner.get() != principal.userId()) foreignToken();
        Optional<StoredSession> taken = store.take(id, nodeId);
        if (taken.isEmpty()) {
            invalid(session, "unknown_session");
            return;
        }
        StoredSession stored = taken.get();
        Optional<Cut> cut = stored.cutAtOrBefore(seq);
        if (cut.isEmpty()) {
            store.delete(id, stored.generation());
            invalid(session, "seq_before_checkpoint");
            return;
        }
        // First up to the streams' ends now: everything the client saw was appended before it asked.
        StreamRebuild.Rebuild rebuilt = rebuild.start(stored.userId(), stored.intents(), stored.largeThreshold(), cut.get());
        // Each later kept cut must be reached with exactly the dispatches it counts. Fewer means the
        // node sent something in no stream after the chosen cut (an op 8 answer, a member-list update,
        // an unread hint) that the client has not seen all of: no rebuild can number what follows it
        // right, so the client identifies again. On the way each cut's large-guild subscriptions take over.
        for (Cut later : stored.after(cut.get())) {
            if (!rebuilt.advance(later.positions())) {
                store.delete(id, stored.generation());
                invalid(session, "streams_trimmed");
                return;
            }
            if (cut.get().seq() + rebuilt.dispatches().size() != later.seq()) {
                store.delete(id, stored.generation());
                invalid(session, "off_stream_gap");
                return;
            }
            rebuilt.checkpointed(later);
        }
        if (!rebuilt.advance(tracker.tails())) {
            store.delete(id, stored.generation());
            invalid(session, "streams_trimmed");
            return;
        }
        if (seq > cut.get().seq() + rebuilt.dispatches().size()) {
            store.delete(id, stored.generation());
            invalid(session, "seq_ahead");
            return;
        }
        session.beginIdentify();
        session.identified(stored.userId(), stored.intents(), stored.largeThreshold());
        sessions.adopt(session, id);
        ResumeTracker.Track track = tracker.track(session);
        track.generation = stored.generation();
        track.pending = new ArrayList<>();
        // Interest, then the streams' ends again (the attach listener reads them): every later entry
        // reaches the session live, everything up to them the rebuild covers.
        Set<Long> guildsBefore = rebuilt.guilds();
        // Large-guild state before the session is registered: live routing then decides as the rebuild did.
        lazy.adopt(session, rebuilt.lazy());
        if (!sessions.attach(session, guildsBefore)) {
            lazy.forget(session);
            return;
        }
        Map<Integer, StreamEntryID> ends = track.floors.asMap();
        if (!rebuilt.advance(ends)) {
            // Trimmed within the last moment: give up the same way, the client identifies anew.
            store.delete(id, stored.generation());
            invalid(session, "streams_trimmed");
            sessions.end(session);
            session.close(4009, "Session could not be resumed");
            return;
        }
        reconcileGuilds(session, guildsBefore, rebuilt.guilds());
        lazy.adopt(session, rebuilt.lazy());
        lazy.prepare(session);
        List<ReplayBuffer.Entry> missed = new ArrayList<>();
        long n = cut.get().seq();
        for (Dispatch d : rebuilt.dispatches()) {
            n++;
            if (n > seq) missed.add(new ReplayBuffer.Entry(n, d));
        }
        long lastSeq = n;
        sessions.routingLock().lock();
        try {
            List<Dispatch> next = new ArrayList<>();
            next.add(RESUMED);
            // Live events the rebuild already covered (at or before its end in their partition) are dropped.
            for (ResumeTracker.Pending p : track.pending) {
                if (p.src().isEmpty() || !track.covers(p.src().get())) next.add(p.dispatch());
            }
            track.pending = null;
            // Member lists come back whole: the old node's unsent updates are lost with it.
            next.addAll(lazy.resumed(session));
            session.outbox().continueFrom(lastSeq, missed);
            // RESUMED is in no stream: a later resume elsewhere must start from a cut counting it.
            checkpoints.writeAhead(session, next.size());
            session.ready(next);
        } finally {
            sessions.routingLock().unlock();
        }
        resumed(session, "ok_remote");
    }

    /** Joins and leaves the rebuild saw (after the cut) now apply to the live registration too. */
    private void reconcileGuilds(GatewaySession session, Set<Long> before, Set<Long> after) {
        Set<Long> left = new HashSet<>(before);
        left.removeAll(after);
        left.forEach(g -> sessions.removeGuild(session, g));
        after.stream().filter(g -> !before.contains(g)).forEach(g -> sessions.addGuild(session, g));
    }

    private void resumed(GatewaySession session, String how) {
        metrics.resume(how);
        onResumed.accept(session);
        MDC.put("session_id", session.id());
        log.info("session resumed ({})", how);
    }

    private void foreignToken() {
        metrics.resume("foreign_token");
        throw GatewayClose.authenticationFailed();
    }

    private void invalid(GatewaySession session, String reason) {
        metrics.resume(reason);
        log.debug("resume refused: {}", reason);
        session.send(Frames.invalidSession(false));
    }
}
