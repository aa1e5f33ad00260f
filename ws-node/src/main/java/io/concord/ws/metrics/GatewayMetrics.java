package io.concord.ws.metrics;

import io.concord.common.admin.LatencyBounds;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.concord.ws.compress.TransportCompression;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/** The gateway's Prometheus series. Labels are event names and close codes, never ids. */
public final class GatewayMetrics {
    private final Counter identifies;
    private final Counter dispatches;
    private final Counter disconnects;
    private final Counter heartbeats;
    private final Counter resumes;
    private final ConcurrentHashMap<String, CounterDataPoint> dispatchesByEvent = new ConcurrentHashMap<>();
    private final Counter sentBytes;
    private final Counter sentUncompressedBytes;
    /** By {@link TransportCompression#ordinal()}: every frame adds to them, so no lookup by label. */
    private final CounterDataPoint[] sentByCompression = new CounterDataPoint[TransportCompression.values().length];
    private final CounterDataPoint[] uncompressedByCompression = new CounterDataPoint[TransportCompression.values().length];
    private final Gauge zlibStreams;
    private final Counter sendQueueDrops;
    private final Counter socketsRefused;
    private final Histogram heartbeatIntervals;
    private final Histogram relayLag;
    private final Histogram routeDuration;

    public GatewayMetrics(PrometheusRegistry registry, IntSupplier sessions) {
        GaugeWithCallback.builder().name("gateway_sessions").help("Open gateway sockets on this node")
                .callback(cb -> cb.call(sessions.getAsInt())).register(registry);
        identifies = Counter.builder().name("gateway_identifies_total").help("Successful IDENTIFYs").register(registry);
        dispatches = Counter.builder().name("gateway_dispatches_sent_total").help("Dispatch frames queued to sessions")
                .labelNames("event").register(registry);
        disconnects = Counter.builder().name("gateway_disconnects_total").help("Closed gateway sockets by close code")
                .labelNames("close_code").register(registry);
        heartbeats = Counter.builder().name("gateway_heartbeats_total").help("Heartbeats received").register(registry);
        sentBytes = Counter.builder().name("gateway_sent_bytes_total")
                .help("Bytes of gateway frames written to sockets, after compression").labelNames("compression").register(registry);
        sentUncompressedBytes = Counter.builder().name("gateway_sent_uncompressed_bytes_total")
                .help("Bytes of the JSON payloads of those frames, before compression").labelNames("compression").register(registry);
        for (TransportCompression c : TransportCompression.values()) {
            sentByCompression[c.ordinal()] = sentBytes.labelValues(c.label());
            uncompressedByCompression[c.ordinal()] = sentUncompressedBytes.labelValues(c.label());
        }
        zlibStreams = Gauge.builder().name("gateway_zlib_streams")
                .help("Open zlib-stream contexts (one per compressed connection)").register(registry);
        resumes = Counter.builder().name("gateway_resumes_total").help("RESUMEs by result: ok, or why they failed")
                .labelNames("result").register(registry);
        sendQueueDrops = Counter.builder().name("gateway_send_queue_drops_total")
                .help("Sessions closed (4000) because their send queue passed WS_SEND_QUEUE_MAX_BYTES").register(registry);
        socketsRefused = Counter.builder().name("gateway_sockets_refused_total")
                .help("Upgrades refused with 503 because the node was full or draining").register(registry);
        // Time between a session's consecutive heartbeats (the first from the connect): compare with
        // heartbeat_interval; the tail past interval + grace is what gets closed with 4009.
        heartbeatIntervals = Histogram.builder().name("gateway_heartbeat_interval_seconds")
                .help("Time between a session's consecutive heartbeats (the first measured from the connect)")
                .classicUpperBounds(1, 5, 10, 20, 30, 40, 45, 50, 60, 90, 120).register(registry);
        // The two hops of a delivery inside the node's reach: from the event's append to its guild
        // stream until this node starts routing it (the fanout-worker's read and relay, and this
        // node's read), then the handing of it to every local session.
        relayLag = Histogram.builder().name("gateway_relay_lag_seconds")
                .help("From an event's append to its guild stream until this node starts routing it")
                .classicUpperBounds(LatencyBounds.delivery()).register(registry);
        routeDuration = Histogram.builder().name("gateway_route_duration_seconds")
                .help("Time to hand one relayed event to every local session that receives it")
                .classicUpperBounds(LatencyBounds.delivery()).register(registry);
    }

    /** An event began routing {@code millis} after its append to the guild stream. */
    public void relayLag(long millis) {
        relayLag.observe(Math.max(0, millis) / 1000.0);
    }

    public void routed(long nanos) {
        routeDuration.observe(nanos / 1e9);
    }

    /** {@code result}: "ok_local", "ok_remote", or a failure reason (a fixed word, never an id). */
    public void resume(String result) {
        resumes.labelValues(result).inc();
    }

    public void sendQueueDropped() {
        sendQueueDrops.inc();
    }

    public void socketRefused() {
        socketsRefused.inc();
    }

    public void heartbeatInterval(long millis) {
        heartbeatIntervals.observe(Math.max(0, millis) / 1000.0);
    }

    public void identified() {
        identifies.inc();
    }

    public void dispatched(String event) {
        dispatchesByEvent.computeIfAbsent(event, e -> dispatches.labelValues(e)).inc();
    }

    public void disconnected(int closeCode) {
        disconnects.labelValues(Integer.toString(closeCode)).inc();
    }

    public void heartbeat() {
        heartbeats.inc();
    }

    /** One frame written: {@code wireBytes} on the socket for a {@code payloadBytes} JSON payload. */
    public void sent(TransportCompression compression, long payloadBytes, long wireBytes) {
        sentByCompression[compression.ordinal()].inc(wireBytes);
        uncompressedByCompression[compression.ordinal()].inc(payloadBytes);
    }

    public void zlibStreamOpened() {
        zlibStreams.inc();
    }

    public void zlibStreamClosed() {
        zlibStreams.dec();
    }
}
