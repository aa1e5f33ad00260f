package io.concord.ws.routing;

import io.concord.common.routing.NodeRegistry;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's entry in the {@link NodeRegistry} fresh (url, load, capacity) so
 * {@code GET /gateway} can send clients here. The entry outlives a few missed refreshes and then
 * expires, so a node that died without withdrawing drops out by itself.
 */
public final class NodeAnnouncer implements AutoCloseable {
    static final long PERIOD_MS = 3_000;
    static final long TTL_MS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(NodeAnnouncer.class);
    private final NodeRegistry registry;
    private final int nodeId;
    private final String url;
    private final int capacity;
    private final IntSupplier sessions;
    private ScheduledFuture<?> task;
    private volatile boolean draining;
    private boolean withdrawn;

    public NodeAnnouncer(NodeRegistry registry, int nodeId, String url, int capacity, IntSupplier sessions) {
        this.registry = registry;
        this.nodeId = nodeId;
        this.url = url;
        this.capacity = capacity;
        this.sessions = sessions;
    }

    /** Announces at once (so the node is discoverable when start returns), then every few seconds. */
    public void start(ScheduledExecutorService scheduler) {
        registry.announce(entry(), TTL_MS);
        task = scheduler.scheduleWithFixedDelay(this::announce, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Marks the node draining at once, so {@code GET /gateway} stops giving it out before the next refresh. */
    public synchronized void draining() {
        draining = true;
        if (!withdrawn) registry.announce(entry(), TTL_MS);
    }

    // Synchronized with close, so a refresh racing the withdrawal cannot put the entry back.
    private synchronized void announce() {
        if (withdrawn) return;
        try {
            registry.announce(entry(), TTL_MS);
        } catch (RuntimeException e) {
            log.warn("could not announce the node: {}", e.toString());
        }
    }

    private NodeRegistry.WsNode entry() {
        return new NodeRegistry.WsNode(nodeId, url, sessions.getAsInt(), capacity, draining);
    }

    /** Leaves the registry for good; idempotent (a drained node withdraws, then closes). */
    @Override
    public synchronized void close() {
        if (task != null) task.cancel(false);
        if (withdrawn) return;
        withdrawn = true;
        registry.withdraw(nodeId);
    }
}
