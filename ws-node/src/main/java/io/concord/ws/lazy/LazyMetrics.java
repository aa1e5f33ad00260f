package io.concord.ws.lazy;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Large-guild series: lists and members held, attachments, ops and hints sent, dispatches saved by read-on-demand. */
final class LazyMetrics {
    /** What the gauges read, under the routing lock. */
    record Sizes(int guilds, int members, int lists, int subscriptions, int readOnDemandSessions) {}

    static final LazyMetrics NONE = new LazyMetrics(null, () -> new Sizes(0, 0, 0, 0, 0));

    private final Counter ops;
    private final ConcurrentHashMap<String, CounterDataPoint> opsByKind = new ConcurrentHashMap<>();
    private final Counter hints;
    private final Counter withheld;
    private final Counter presences;

    LazyMetrics(PrometheusRegistry registry, Supplier<Sizes> sizes) {
        if (registry == null) {
            ops = Counter.builder().name("unused_ops").labelNames("op").build();
            hints = Counter.builder().name("unused_hints").build();
            withheld = Counter.builder().name("unused_withheld").build();
            presences = Counter.builder().name("unused_presences").build();
            return;
        }
        GaugeWithCallback.builder().name("gateway_member_list_guilds").help("Guilds whose members this node holds for member lists")
                .callback(cb -> cb.call(sizes.get().guilds())).register(registry);
        GaugeWithCallback.builder().name("gateway_member_list_members").help("Members held for member lists, all guilds")
                .callback(cb -> cb.call(sizes.get().members())).register(registry);
        GaugeWithCallback.builder().name("gateway_member_lists").help("Member lists held (one per guild and channel visibility)")
                .callback(cb -> cb.call(sizes.get().lists())).register(registry);
        GaugeWithCallback.builder().name("gateway_member_list_subscriptions").help("Sessions attached to member lists (per list)")
                .callback(cb -> cb.call(sizes.get().subscriptions())).register(registry);
        GaugeWithCallback.builder().name("gateway_read_on_demand_sessions").help("Sessions that receive at least one guild read-on-demand")
                .callback(cb -> cb.call(sizes.get().readOnDemandSessions())).register(registry);
        ops = Counter.builder().name("gateway_member_list_ops_total").help("GUILD_MEMBER_LIST_UPDATE ops sent, by op")
                .labelNames("op").register(registry);
        hints = Counter.builder().name("gateway_unread_hints_total").help("CHANNEL_UNREAD_UPDATE dispatches sent").register(registry);
        withheld = Counter.builder().name("gateway_read_on_demand_withheld_total")
                .help("MESSAGE_CREATEs not sent to read-on-demand sessions (hinted instead)").register(registry);
        presences = Counter.builder().name("gateway_member_list_presences_total")
                .help("PRESENCE_UPDATEs sent to read-on-demand sessions whose member-list window shows the member").register(registry);
    }

    void op(String kind) {
        opsByKind.computeIfAbsent(kind, k -> ops.labelValues(k)).inc();
    }

    void hint() {
        hints.inc();
    }

    void withheld() {
        withheld.inc();
    }

    void presence() {
        presences.inc();
    }
}
