package io.concord.common.admin;

/**
 * The bucket bounds (seconds) of the histograms that time a message's delivery hop by hop: the
 * api-node's acceptance to stream append, the ws-node's relay lag and its route. Fine at the low
 * end, where the delivery target (p99 under 50 ms end to end) is decided, and the same for every
 * hop so their buckets line up.
 */
public final class LatencyBounds {
    private LatencyBounds() {}

    /** A fresh copy, for {@code Histogram.Builder#classicUpperBounds}. */
    public static double[] delivery() {
        return new double[] {0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5};
    }
}
