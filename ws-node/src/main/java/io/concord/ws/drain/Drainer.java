package io.concord.ws.drain;

import io.concord.ws.routing.NodeAnnouncer;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.SessionRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties the node so its clients resume elsewhere: from the first call on, the node is draining
 * ({@code /readyz} 503, marked draining in the registry, new sockets refused); its sessions get op 7
 * RECONNECT in jittered batches, and those that have not closed {@code closeAfterMs} later are
 * closed with 4000, which every Discord client resumes on. When no session is left, or at the
 * deadline (closing the rest with 4000), the node leaves the registry and {@link #drained()} completes.
 */
public final class Drainer {
    static final String RECONNECT = "{\"op\":7,\"d\":null}";
    static final int CLOSE_CODE = 4000;
    static final String CLOSE_REASON = "Node draining: resume on another node";
    private static final Logger log = LoggerFactory.getLogger(Drainer.class);
    private final DrainConfig config;
    private final SessionRegistry sessions;
    private final NodeAnnouncer announcer;
    private final ScheduledExecutorService timers;
    private final RandomGenerator random;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    public Drainer(DrainConfig config, SessionRegistry sessions, NodeAnnouncer announcer, ScheduledExecutorService timers,
            RandomGenerator random) {
        this.config = config;
        this.sessions = sessions;
        this.announcer = announcer;
        this.timers = timers;
        this.random = random;
    }

    public boolean isDraining() {
        return draining.get();
    }

    /** Completes once the node is empty (or past the deadline) and out of the registry. */
    public CompletableFuture<Void> drained() {
        return drained;
    }

    /** Starts draining, once; later calls return the same future. */
    public CompletableFuture<Void> start() {
        if (!draining.compareAndSet(false, true)) return drained;
        log.info("draining {} sessions", sessions.count());
        try {
            announcer.draining();
        } catch (RuntimeException e) {
            log.warn("could not mark the node draining in the registry: {}", e.toString());
        }
        Thread.ofPlatform().name("ws-drain").daemon().start(this::run);
        return drained;
    }

    /** Drains and waits for it, at most the deadline plus a little (the SIGTERM path). */
    public void drainAndWait() {
        try {
            start().get(config.deadline().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            log.warn("drain did not finish: {}", e.toString());
        }
    }

    private void run() {
        long deadline = System.nanoTime() + config.deadline().toNanos();
        try {
            Set<GatewaySession> told = ConcurrentHashMap.newKeySet();
            // Sockets whose upgrade was already under way when draining began open after the first pass.
            List<GatewaySession> pending = untold(told);
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (int from = 0; from < pending.size() && System.nanoTime() < deadline; from += config.batch()) {
                    List<GatewaySession> batch = pending.subList(from, Math.min(pending.size(), from + config.batch()));
                    reconnect(batch);
                    told.addAll(batch);
                    if (from + config.batch() < pending.size()) pause(jittered(config.intervalMs()), deadline);
                }
                pending = untold(told);
            }
            while (sessions.count() > 0 && System.nanoTime() < deadline) pause(50, deadline);
            if (sessions.count() > 0) {
                log.warn("drain deadline reached with {} sessions left: closing them", sessions.count());
                sessions.all().forEach(s -> s.close(CLOSE_CODE, CLOSE_REASON));
                // Let the close frames go out before the process stops.
                long grace = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (sessions.count() > 0 && System.nanoTime() < grace) pause(50, grace);
            }
        } catch (RuntimeException e) {
            log.error("drain failed; leaving the registry anyway", e);
        } finally {
            try {
                announcer.close();
            } catch (RuntimeException e) {
                log.warn("could not leave the registry: {}", e.toString());
            }
            log.info("drained");
            drained.complete(null);
        }
    }

    private List<GatewaySession> untold(Set<GatewaySession> told) {
        List<GatewaySession> left = new ArrayList<>();
        for (GatewaySession s : sessions.all()) if (!told.contains(s) && !s.isClosed()) left.add(s);
        Collections.shuffle(left, random);
        return left;
    }

    private void reconnect(List<GatewaySession> batch) {
        List<GatewaySession> copy = List.copyOf(batch);
        copy.forEach(s -> s.send(RECONNECT));
        timers.schedule(() -> copy.forEach(s -> {
            if (!s.isClosed()) s.close(CLOSE_CODE, CLOSE_REASON);
        }), config.closeAfterMs(), TimeUnit.MILLISECONDS);
    }

    private long jittered(long meanMs) {
        return meanMs == 0 ? 0 : meanMs / 2 + random.nextLong(meanMs + 1);
    }

    private static void pause(long ms, long deadlineNanos) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        try {
            Thread.sleep(Math.max(0, Math.min(ms, left)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("drain interrupted", e);
        }
    }
}
