package io.concord.common.store;

import io.concord.common.config.ConfigException;
import io.concord.common.config.Env;
import io.concord.common.config.StoreConfig;

/** Applies the PostgreSQL migrations (Flyway) and the CQL schema; run by {@code ops/concord up}. */
public final class MigrateMain {
    private MigrateMain() {}

    public static void main(String[] args) {
        Env env = new Env(System.getenv());
        StoreConfig config = StoreConfig.from(env);
        try {
            env.validate();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        try (Postgres pg = Postgres.connect(config)) {
            pg.migrate();
        }
        Cql.migrate(config);
        System.out.println("migrations applied: postgres " + config.postgresUrl() + ", cql keyspace " + config.cqlKeyspace());
    }
}
