package io.concord.ws.session;

import java.util.List;

/**
 * Sends a session dispatches that are not in the guild streams (answers to its own requests), which a
 * resume on another node cannot rebuild: their numbering has to be checkpointed before they go out.
 */
public interface OffStream {
    /** Enqueues the dispatches in order; returns how many were enqueued (none once the session closed). */
    int send(GatewaySession session, List<Dispatch> dispatches);
}
