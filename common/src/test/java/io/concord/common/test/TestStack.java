package io.concord.common.test;

import io.concord.common.config.Env;
import io.concord.common.config.StoreConfig;
import io.concord.common.store.Cql;
import io.concord.common.store.Postgres;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real servers a test talks to, as {@code ops/concord test} started them (their addresses come
 * from the same environment variables the services read). Migrations run once per JVM.
 */
public final class TestStack {
    private static final List<String> REQUIRED = List.of("REDIS_URL", "POSTGRES_URL", "CQL_CONTACT_POINTS");
    private static volatile boolean migrated;

    private TestStack() {}

    /** The environment of the test servers, failing with a clear message when they are not there. */
    public static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        List<String> missing = REQUIRED.stream().filter(k -> env.get(k) == null).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Tests need the real servers: run them with `ops/concord test` "
                    + "(or `ops/concord infra-up` and export its environment). Missing: " + missing);
        }
        env.putIfAbsent("TOKEN_SECRET", "test-secret-test-secret-test-secret-0123456789");
        migrate(env);
        return env;
    }

    /** {@link #env()} with overrides, e.g. port 0 for a service under test. */
    public static Map<String, String> env(Map<String, String> overrides) {
        Map<String, String> env = env();
        env.putAll(overrides);
        return env;
    }

    public static StoreConfig stores() {
        Env env = new Env(env());
        StoreConfig config = StoreConfig.from(env);
        env.validate();
        return config;
    }

    private static synchronized void migrate(Map<String, String> env) {
        if (migrated) return;
        Env e = new Env(env);
        StoreConfig config = StoreConfig.from(e);
        e.validate();
        try (Postgres pg = Postgres.connect(config)) {
            pg.migrate();
        }
        Cql.migrate(config);
        migrated = true;
    }
}
