package io.concord.common.config;

import java.net.URI;
import java.time.Duration;

/** Where the stores are. Shared by every process; each reads only what it uses. */
public record StoreConfig(
        URI redisUrl,
        String postgresUrl,
        String postgresUser,
        String postgresPassword,
        int postgresPoolSize,
        String cqlContactPoints,
        String cqlLocalDc,
        String cqlKeyspace,
        int guildPartitions,
        long guildStreamMaxLength,
        Duration guildStreamRetention) {

    public static StoreConfig from(Env env) {
        String pg = env.string("POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5433/concord");
        return new StoreConfig(
                env.uri("REDIS_URL", "redis://127.0.0.1:6379", "redis", "rediss"),
                pg,
                env.string("POSTGRES_USER", "concord"),
                env.string("POSTGRES_PASSWORD", "concord"),
                env.integer("POSTGRES_POOL_SIZE", 10, 1, 500),
                env.string("CQL_CONTACT_POINTS", "127.0.0.1:9042"),
                env.string("CQL_LOCAL_DC", "datacenter1"),
                env.string("CQL_KEYSPACE", "concord"),
                env.integer("GUILD_PARTITIONS", 16, 1, 4096),
                // An emergency cap applied on every append: it protects Redis's memory even if entries go unread.
                env.longValue("STREAM_MAX_LENGTH", 1_000_000, 1_000, 100_000_000),
                // The workers trim what every consumer group has read and what is older than this.
                Duration.ofSeconds(env.longValue("STREAM_RETENTION_SECONDS", 600, 60, 86_400)));
    }
}
