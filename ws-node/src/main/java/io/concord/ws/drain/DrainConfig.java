package io.concord.ws.drain;

import java.time.Duration;

/**
 * How a node empties itself before it stops.
 *
 * @param batch        sessions told to RECONNECT at once, so they do not all resume on the other nodes in the same instant
 * @param intervalMs   mean pause between batches; each pause is jittered by +-50%
 * @param closeAfterMs how long a session told to RECONNECT may take to close by itself before the node closes it (4000)
 * @param deadline     from the start of the drain to the node closing whatever is left and exiting
 */
public record DrainConfig(int batch, long intervalMs, long closeAfterMs, Duration deadline) {}
