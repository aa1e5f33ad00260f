package io.concord.common.config;

import java.time.Duration;
import java.util.Map;

/** Settings shared by the stream workers (fanout, readstate, search). */
public record WorkerConfig(String workerId, String bindHost, int adminPort, Duration leaseTtl, long relayMaxLength, StoreConfig stores) {

    public static WorkerConfig fromEnv(Map<String, String> environment, String kind, int defaultAdminPort) {
        Env env = new Env(environment);
        int nodeId = env.integer("NODE_ID", 0, 0, 1023);
        WorkerConfig config = new WorkerConfig(
                env.string("WORKER_ID", kind + "-" + nodeId + "-" + ProcessHandle.current().pid()),
                env.string("ADMIN_BIND_HOST", "127.0.0.1"),
                env.integer("ADMIN_PORT", defaultAdminPort, 0, 65535),
                Duration.ofMillis(env.integer("LEASE_TTL_MS", 6_000, 1_000, 120_000)),
                env.longValue("RELAY_MAX_LENGTH", 100_000, 1_000, 100_000_000),
                StoreConfig.from(env));
        env.validate();
        return config;
    }
}
