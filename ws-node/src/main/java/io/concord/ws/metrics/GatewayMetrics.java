package io.concord.ws.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
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

    public GatewayMetrics(PrometheusRegistry registry, IntSupplier sessions) {
        GaugeWithCallback.builder().name("gateway_sessions").help("Open gateway sockets on this node")
                .callback(cb -> cb.call(sessions.getAsInt())).register(registry);
        identifies = Counter.builder().name("gateway_identifies_total").help("Successful IDENTIFYs").register(registry);
        dispatches = Counter.builder().name("gateway_dispatches_sent_total").help("Dispatch frames queued to sessions")
                .labelNames("event").register(registry);
        disconnects = Counter.builder().name("gateway_disconnects_total").help("Closed gateway sockets by close code")
                .labelNames("close_code").register(registry);
        heartbeats = Counter.builder().name("gateway_heartbeats_total").help("Heartbeats received").register(registry);
        resumes = Counter.builder().name("gateway_resumes_total").help("RESUMEs by result: ok, or why they failed")
                .labelNames("result").register(registry);
    }

    /** {@code result}: "ok_local", "ok_remote", or a failure reason (a fixed word, never an id). */
    public void resume(String result) {
        resumes.labelValues(result).inc();
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
}
