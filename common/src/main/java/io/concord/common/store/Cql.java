package io.concord.common.store;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.concord.common.config.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** The CQL store (ScyllaDB in production, Apache Cassandra locally), through the Scylla driver. */
public final class Cql implements AutoCloseable {
    private final CqlSession session;

    private Cql(CqlSession session) {
        this.session = session;
    }

    public static Cql connect(StoreConfig config) {
        return new Cql(builder(config).withKeyspace(CqlIdentifier.fromCql(config.cqlKeyspace())).build());
    }

    /** Creates the keyspace when it is missing and applies {@code cql/schema.cql}; idempotent. */
    public static void migrate(StoreConfig config) {
        // Without schema metadata: the driver would otherwise re-read the whole schema after every
        // statement. It still waits for the nodes' schema agreement after each one.
        try (CqlSession s = builder(config, false).build()) {
            s.execute("CREATE KEYSPACE IF NOT EXISTS " + config.cqlKeyspace()
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            s.execute("USE " + config.cqlKeyspace());
            for (String statement : schemaStatements()) apply(s, statement);
        }
    }

    /** CQL has no {@code ADD IF NOT EXISTS} for columns: a column that is already there counts as added. */
    private static void apply(CqlSession s, String statement) {
        try {
            s.execute(statement);
        } catch (com.datastax.oss.driver.api.core.servererrors.InvalidQueryException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            boolean addColumn = statement.toUpperCase(java.util.Locale.ROOT).matches("(?s)ALTER\\s+TABLE\\s+\\S+\\s+ADD\\s.*");
            if (!addColumn || !(message.contains("already exist") || message.contains("conflicts with an existing column"))) throw e;
        }
    }

    private static com.datastax.oss.driver.api.core.CqlSessionBuilder builder(StoreConfig config) {
        return builder(config, true);
    }

    private static com.datastax.oss.driver.api.core.CqlSessionBuilder builder(StoreConfig config, boolean schemaMetadata) {
        var loader = DriverConfigLoader.programmaticBuilder()
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, schemaMetadata)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                // the migration's USE is deliberate; the services set their keyspace when they connect
                .withBoolean(DefaultDriverOption.REQUEST_WARN_IF_SET_KEYSPACE, false)
                .build();
        var b = CqlSession.builder().withConfigLoader(loader).withLocalDatacenter(config.cqlLocalDc());
        for (String point : config.cqlContactPoints().split(",")) {
            String[] hp = point.trim().split(":");
            b.addContactPoint(new InetSocketAddress(hp[0], hp.length > 1 ? Integer.parseInt(hp[1]) : 9042));
        }
        return b;
    }

    private static String[] schemaStatements() {
        try (InputStream in = Cql.class.getResourceAsStream("/cql/schema.cql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "");
            return Arrays.stream(text.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read cql/schema.cql", e);
        }
    }

    public CqlSession session() {
        return session;
    }

    public boolean isReachable() {
        try {
            return session.execute("SELECT release_version FROM system.local").one() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
