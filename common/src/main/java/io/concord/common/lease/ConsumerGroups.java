package io.concord.common.lease;

import io.concord.common.event.EventStreams;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;

/** Consumer groups on the guild streams, created from the start of what the streams keep. */
public final class ConsumerGroups {
    private ConsumerGroups() {}

    public static void ensure(RedisClient redis, String stream, String group) {
        try {
            redis.xgroupCreate(stream, group, new StreamEntryID(0, 0), true);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) throw e;
        }
    }

    public static void ensureAll(RedisClient redis, String group, int partitions) {
        for (int p = 0; p < partitions; p++) ensure(redis, EventStreams.guildStream(p), group);
    }

    /** {@code stream_consumer_lag_entries{group,partition}}: entries not yet delivered to the group. */
    public static void registerLagGauge(PrometheusRegistry registry, RedisClient redis, String group, int partitions) {
        GaugeWithCallback.builder()
                .name("stream_consumer_lag_entries")
                .help("Guild stream entries not yet read by the consumer group")
                .labelNames("group", "partition")
                .callback(cb -> {
                    for (int p = 0; p < partitions; p++) {
                        try {
                            for (var info : redis.xinfoGroups(EventStreams.guildStream(p))) {
                                if (group.equals(info.getName()) && info.getGroupInfo().get("lag") instanceof Long lag) {
                                    cb.call(lag, group, Integer.toString(p));
                                }
                            }
                        } catch (RuntimeException e) {
                            // a scrape must not fail because Redis blinked; the gauge is just absent
                        }
                    }
                })
                .register(registry);
    }
}
