package io.concord.ws;

import io.concord.ws.drain.Drainer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running ws-node: where it listens, and how to stop it (in dependency order, each step failing alone). */
public final class WsNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WsNode.class);
    private final int nodeId;
    private final int port;
    private final int adminPort;
    private final String publicUrl;
    private final List<AutoCloseable> closeOrder;
    private final List<AutoCloseable> haltOrder;
    private final Drainer drainer;

    WsNode(int nodeId, int port, int adminPort, String publicUrl, List<AutoCloseable> closeOrder, List<AutoCloseable> haltOrder,
           Drainer drainer) {
        this.drainer = drainer;
        this.nodeId = nodeId;
        this.port = port;
        this.adminPort = adminPort;
        this.publicUrl = publicUrl;
        this.closeOrder = closeOrder;
        this.haltOrder = haltOrder;
    }

    public int nodeId() {
        return nodeId;
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return adminPort;
    }

    public String publicUrl() {
        return publicUrl;
    }

    /** Starts draining (as {@code POST /drain} does); the future completes once the node is empty and out of the registry. */
    public CompletableFuture<Void> drain() {
        return drainer.start();
    }

    /** True once the process is stopping (SIGTERM): the drain's end is then not a reason to exit. */
    public boolean isStopping() {
        return stopping;
    }

    private volatile boolean stopping;

    /** Completes when a drain, however started, has finished. */
    public CompletableFuture<Void> drained() {
        return drainer.drained();
    }

    /** The SIGTERM path: drain (at most the drain deadline), then close. */
    public void drainAndClose() {
        stopping = true;
        drainer.drainAndWait();
        close();
    }

    /** Stops at once, without draining (tests; the drain path ends here too). */
    @Override
    public void close() {
        closeAll(closeOrder);
    }

    /**
     * Tests only: stops the node as SIGKILL would, skipping every graceful step. Its sessions,
     * interest registrations and node entry stay in Redis, its last checkpoints are not written.
     */
    public void halt() {
        closeAll(haltOrder);
    }

    static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                log.warn("failed to close {}", r, e);
            }
        }
    }
}
