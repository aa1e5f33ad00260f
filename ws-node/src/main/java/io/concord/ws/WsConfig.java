package io.concord.ws;

import io.concord.common.config.Env;
import io.concord.common.config.StoreConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a ws-node reads from its environment, parsed once at start.
 *
 * @param publicUrl where clients reach this node ({@code resume_gateway_url}, the node registry);
 *                  empty means {@code ws://127.0.0.1:<bound port>}, which is only known once bound
 */
public record WsConfig(
        int nodeId,
        String bindHost,
        int port,
        Optional<String> publicUrl,
        int adminPort,
        int maxSessions,
        long heartbeatIntervalMs,
        String tokenSecret,
        Duration accessTokenTtl,
        StoreConfig stores,
        Duration resumeWindow) {

    public static WsConfig fromEnv(Map<String, String> environment) {
        Env env = new Env(environment);
        int nodeId = env.integer("NODE_ID", 2, 0, 1023);
        String host = env.string("WS_BIND_HOST", "127.0.0.1");
        int port = env.integer("WS_PORT", 8081, 0, 65535);
        Optional<String> publicUrl = env.string("WS_PUBLIC_URL", "").isEmpty()
                ? Optional.empty()
                : Optional.of(env.uri("WS_PUBLIC_URL", "ws://127.0.0.1", "ws", "wss").toString());
        int adminPort = env.integer("ADMIN_PORT", 9092, 0, 65535);
        // One process holds at most ~19.9k sockets here (open-file limit 20000).
        int maxSessions = env.integer("WS_MAX_SESSIONS", 19_000, 1, 1_000_000);
        long heartbeatMs = env.longValue("WS_HEARTBEAT_INTERVAL_MS", 41_250, 100, 600_000);
        String secret = env.secret("TOKEN_SECRET", 32);
        long ttlSeconds = env.longValue("ACCESS_TOKEN_TTL_SECONDS", 900, 1, 86_400);
        StoreConfig stores = StoreConfig.from(env);
        // How long a dropped session may be resumed; the guild streams must retain at least this much.
        long resumeWindowSeconds = env.longValue("WS_RESUME_WINDOW_SECONDS", 180, 1, 3_600);
        env.validate();
        return new WsConfig(nodeId, host, port, publicUrl, adminPort, maxSessions, heartbeatMs, secret,
                Duration.ofSeconds(ttlSeconds), stores, Duration.ofSeconds(resumeWindowSeconds));
    }

    /** The public URL once the listening port is known. */
    public String publicUrl(int boundPort) {
        return publicUrl.orElse("ws://127.0.0.1:" + boundPort);
    }

    /** Never print the token secret or the store password. */
    @Override
    public String toString() {
        return "WsConfig[nodeId=" + nodeId + ", bind=" + bindHost + ":" + port + ", publicUrl=" + publicUrl
                + ", adminPort=" + adminPort + ", maxSessions=" + maxSessions + ", heartbeatIntervalMs=" + heartbeatIntervalMs
                + ", accessTokenTtl=" + accessTokenTtl + ", resumeWindow=" + resumeWindow + ", redis=" + stores.redisUrl().getHost() + ":" + stores.redisUrl().getPort() + "]";
    }
}
