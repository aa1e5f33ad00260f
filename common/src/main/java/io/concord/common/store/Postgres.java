package io.concord.common.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.concord.common.config.StoreConfig;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/** The PostgreSQL pool: virtual threads queue in front of a small Hikari pool. */
public final class Postgres implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Postgres(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
    }

    public static Postgres connect(StoreConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.postgresUrl());
        hc.setUsername(config.postgresUser());
        hc.setPassword(config.postgresPassword());
        hc.setMaximumPoolSize(config.postgresPoolSize());
        hc.setPoolName("postgres");
        hc.setConnectionTimeout(10_000);
        hc.setInitializationFailTimeout(30_000);
        return new Postgres(new HikariDataSource(hc));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public void migrate() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
