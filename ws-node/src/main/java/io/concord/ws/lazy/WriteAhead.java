package io.concord.ws.lazy;

import io.concord.ws.session.GatewaySession;
import java.util.Map;

/**
 * Checkpoints sessions before dispatches that no rebuild can reproduce are numbered (the resume
 * package's {@code CheckpointFlusher}): one cut per session counting its {@code coming} dispatches and
 * holding its state as changed, in one round trip. Called with the routing lock held, which the
 * caller keeps until the dispatches are queued.
 */
public interface WriteAhead {
    WriteAhead NONE = coming -> {};

    void writeAhead(Map<GatewaySession, Integer> coming);
}
