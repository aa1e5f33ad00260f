package io.concord.ws;

import io.concord.common.config.Env;
import io.concord.common.config.StoreConfig;
import io.concord.ws.compress.ZlibStreams;
import io.concord.ws.drain.DrainConfig;
import io.concord.ws.lazy.LargeGuildConfig;
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
        int zlibWindowBits,
        long sendQueueMaxBytes,
        DrainConfig drain,
        long presenceReapIntervalMs,
        Duration resumeWindow,
        long checkpointIntervalMs,
        LargeGuildConfig largeGuilds,
        int deliveryThreads,
        int deliveryMinPerThread) {

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
        // History each zlib-stream connection keeps between frames: 2^bits bytes (4 KB at 12).
        int zlibWindowBits = env.integer("WS_ZLIB_WINDOW_BITS", 12, ZlibStreams.MIN_WINDOW_BITS, ZlibStreams.MAX_WINDOW_BITS);
        // A session further behind than this is closed (resumable) rather than holding the heap.
        long sendQueueMaxBytes = env.longValue("WS_SEND_QUEUE_MAX_BYTES", 4L << 20, 4096, 1L << 30);
        DrainConfig drain = new DrainConfig(
                env.integer("WS_DRAIN_BATCH", 500, 1, 1_000_000),
                env.longValue("WS_DRAIN_INTERVAL_MS", 1_000, 0, 600_000),
                env.longValue("WS_DRAIN_CLOSE_AFTER_MS", 5_000, 0, 600_000),
                Duration.ofSeconds(env.longValue("WS_DRAIN_DEADLINE_SECONDS", 25, 1, 3_600)));
        // How often a node looks for dead nodes whose users are still shown online (their entries expire after 10 s).
        long reapMs = env.longValue("WS_PRESENCE_REAP_INTERVAL_MS", 15_000, 100, 600_000);
        // How long a dropped session may be resumed; the guild streams must retain at least this much.
        long resumeWindowSeconds = env.longValue("WS_RESUME_WINDOW_SECONDS", 180, 1, 3_600);
        // How often changed sessions are checkpointed to Redis for a resume on another node.
        long checkpointMs = env.longValue("WS_CHECKPOINT_INTERVAL_MS", 1_000, 100, 60_000);
        if (resumeWindowSeconds > stores.guildStreamRetention().toSeconds()) {
            env.reject("WS_RESUME_WINDOW_SECONDS", "must not exceed STREAM_RETENTION_SECONDS ("
                    + stores.guildStreamRetention().toSeconds() + "): a resume elsewhere rebuilds from the guild streams");
        }
        // Large-guild mode: LARGE_GUILD_MEMBERS, LARGE_GUILD_UNREAD_HINT_INTERVAL_MS, MEMBER_LIST_FLUSH_INTERVAL_MS.
        LargeGuildConfig largeGuilds = LargeGuildConfig.from(env);
        // One event's deliveries are split over this many threads once there are at least
        // WS_DELIVERY_MIN_PER_THREAD per thread (see relay.Deliveries); 1 keeps them on the routing thread.
        int deliveryThreads = env.integer("WS_DELIVERY_THREADS", Runtime.getRuntime().availableProcessors(), 1, 256);
        int deliveryMinPerThread = env.integer("WS_DELIVERY_MIN_PER_THREAD", 128, 1, 1_000_000);
        env.validate();
        return new WsConfig(nodeId, host, port, publicUrl, adminPort, maxSessions, heartbeatMs, secret,
                Duration.ofSeconds(ttlSeconds), stores, zlibWindowBits, sendQueueMaxBytes, drain, reapMs,
                Duration.ofSeconds(resumeWindowSeconds), checkpointMs, largeGuilds, deliveryThreads, deliveryMinPerThread);
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
                + ", accessTokenTtl=" + accessTokenTtl + ", zlibWindowBits=" + zlibWindowBits + ", sendQueueMaxBytes=" + sendQueueMaxBytes + ", drain=" + drain + ", resumeWindow=" + resumeWindow + ", checkpointIntervalMs=" + checkpointIntervalMs + ", largeGuilds=" + largeGuilds
                + ", deliveryThreads=" + deliveryThreads + ", deliveryMinPerThread=" + deliveryMinPerThread + ", redis=" + stores.redisUrl().getHost() + ":" + stores.redisUrl().getPort() + "]";
    }
}
