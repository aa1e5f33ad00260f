package io.concord.common.config;

import java.net.URI;

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
        long guildStreamMaxLength) {

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
                // Every process that appends to a guild stream trims it to the same length.
                env.longValue("STREAM_MAX_LENGTH", 100_000, 1_000, 100_000_000));
    }
}
