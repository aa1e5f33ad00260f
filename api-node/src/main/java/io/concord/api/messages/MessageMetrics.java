package io.concord.api.messages;

import io.concord.common.admin.LatencyBounds;
import io.concord.common.id.Snowflakes;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The message path's own time: from a new message's acceptance (the time in its id, taken once the
 * request is validated and permitted) until its MESSAGE_CREATE is on its guild stream. That is the
 * api-node's share of a delivery's latency (the CQL write, the reads that render the dispatch, the
 * append); the ws-node's {@code gateway_relay_lag_seconds} and {@code gateway_route_duration_seconds}
 * are the rest.
 */
public final class MessageMetrics {
    private final Histogram acceptToAppend;

    public MessageMetrics(PrometheusRegistry registry) {
        acceptToAppend = Histogram.builder().name("message_accept_to_append_seconds")
                .help("From a new message's acceptance (the time in its id) until its MESSAGE_CREATE is appended to its guild stream")
                .classicUpperBounds(LatencyBounds.delivery()).register(registry);
    }

    /** The MESSAGE_CREATE of {@code messageId} was appended at {@code nowMs} (the node's clock, which also made the id). */
    void appended(long messageId, long nowMs) {
        acceptToAppend.observe(Math.max(0, nowMs - Snowflakes.timestampMs(messageId)) / 1000.0);
    }
}
