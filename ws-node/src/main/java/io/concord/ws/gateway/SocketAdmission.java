package io.concord.ws.gateway;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Counts sockets from the moment their upgrade is accepted until they close, and refuses one more
 * past the node's capacity or while it drains. The count is claimed with a compare-and-set before
 * the upgrade, so a connect burst cannot overshoot {@code WS_MAX_SESSIONS} the way a check of the
 * open-session count (which only grows after the upgrade completes) could.
 */
final class SocketAdmission {
    private final int maxSockets;
    private final BooleanSupplier draining;
    private final AtomicInteger sockets = new AtomicInteger();

    SocketAdmission(int maxSockets, BooleanSupplier draining) {
        this.maxSockets = maxSockets;
        this.draining = draining;
    }

    /** Claims a place; the caller must {@link #release} it exactly once when true. */
    boolean tryAdmit() {
        if (draining.getAsBoolean()) return false;
        while (true) {
            int now = sockets.get();
            if (now >= maxSockets) return false;
            if (sockets.compareAndSet(now, now + 1)) return true;
        }
    }

    void release() {
        sockets.decrementAndGet();
    }

    int sockets() {
        return sockets.get();
    }
}
