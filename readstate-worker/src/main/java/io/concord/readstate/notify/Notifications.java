package io.concord.readstate.notify;

import io.concord.common.config.WorkerConfig;
import io.concord.common.dm.DmRepository;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.lease.PartitionedConsumer;
import io.concord.common.notify.DeviceRepository;
import io.concord.common.notify.NotificationQueue;
import io.concord.common.routing.InterestRegistry;
import io.concord.common.routing.NodeRegistry;
import io.concord.common.store.Postgres;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import redis.clients.jedis.RedisClient;

/**
 * The notification path inside the readstate-worker process: its own consumer group ({@code notify})
 * on the guild streams, so it never slows read states, and the dispatcher that delivers the queue.
 */
public final class Notifications {
    public static final String GROUP = "notify";

    private Notifications() {}

    public static AutoCloseable start(WorkerConfig config, RedisClient redis, NotifyConfig notify, Clock clock, PrometheusRegistry registry) {
        Postgres pg = Postgres.connect(config.stores());
        DeviceRepository devices = new DeviceRepository(pg.jdbi());
        NotificationQueue queue = new NotificationQueue(pg.jdbi());
        ChannelRepository channels = new ChannelRepository(pg.jdbi());
        NotificationHandler handler = new NotificationHandler(devices, queue, new MemberRepository(pg.jdbi()),
                new GuildRepository(pg.jdbi(), channels), channels, new DmRepository(pg.jdbi()), new InterestRegistry(redis),
                new NodeRegistry(redis), notify, clock, registry);
        int partitions = config.stores().guildPartitions();
        PartitionedConsumer consumer = new PartitionedConsumer(redis, GROUP, config.workerId(), partitions, handler, Clock.systemUTC(),
                config.leaseTtl(), () -> {});
        NotificationDispatcher dispatcher = new NotificationDispatcher(queue, devices, new PushSender(notify, clock), notify, clock, registry);
        consumer.start();
        dispatcher.start();
        return () -> {
            consumer.close();
            dispatcher.close();
            pg.close();
        };
    }
}
