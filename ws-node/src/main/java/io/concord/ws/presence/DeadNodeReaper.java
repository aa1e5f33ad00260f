package io.concord.ws.presence;

import io.concord.common.routing.InterestRegistry;
import io.concord.common.routing.NodeRegistry;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the presences of dead ws-nodes out. A node killed without closing its sockets leaves its
 * sessions online in the {@link PresenceStore}; once its entry in the {@link NodeRegistry} has
 * expired, the first live node to notice claims the node (SET NX, so exactly one process reaps it)
 * and publishes offline for each of its users who has no other live session, then forgets the
 * node's interest registrations and relay stream, so the fanout stops looking it up. A node also
 * reaps its own id's presences at start, since a previous life under that id may have died the same
 * way (its interests it clears itself).
 */
public final class DeadNodeReaper implements AutoCloseable {
    static final long CLAIM_MS = 60_000;
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(DeadNodeReaper.class);
    private final PresenceStore store;
    private final NodeRegistry nodes;
    private final PresenceService presences;
    private final InterestRegistry interests;
    private final int selfId;
    private ScheduledFuture<?> task;

    public DeadNodeReaper(PresenceStore store, NodeRegistry nodes, PresenceService presences, InterestRegistry interests, int selfId) {
        this.interests = interests;
        this.store = store;
        this.nodes = nodes;
        this.presences = presences;
        this.selfId = selfId;
    }

    /** Reaps this node's previous life now, then scans for dead nodes every {@code periodMs}. */
    public void start(ScheduledExecutorService scheduler, long periodMs) {
        reap(selfId);
        task = scheduler.scheduleWithFixedDelay(this::scan, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    void scan() {
        try {
            for (int node : store.nodes()) {
                if (node == selfId || nodes.isAlive(node) || !store.claimReap(node, CLAIM_MS)) continue;
                log.info("ws-node {} is gone: taking its presences offline and forgetting its interests", node);
                reap(node);
                // Checked again: a node restarting under the same id clears and re-registers by itself.
                if (!nodes.isAlive(node)) interests.forgetNode(node);
            }
        } catch (RuntimeException e) {
            log.warn("dead-node presence scan failed: {}", e.toString());
        }
    }

    private void reap(int node) {
        store.reapNode(node, BATCH).forEach(presences::publish);
    }

    @Override
    public void close() {
        if (task != null) task.cancel(false);
    }
}
