package io.concord.common.search;

import io.concord.common.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where the message index lives and how it is fed. {@code batchSize}/{@code batchLatency} bound one
 * indexer batch (documents per Meilisearch task, time the first entry of a batch may wait);
 * {@code maxLag} is how far the index may trail a guild's stream before search answers 202.
 */
public record SearchConfig(URI meiliUrl, String meiliMasterKey, String index, int batchSize, Duration batchLatency,
                           Duration maxLag, Duration taskTimeout) {

    public static final int DEFAULT_BATCH_SIZE = 10_000;
    public static final long DEFAULT_BATCH_LATENCY_MS = 200;
    public static final long DEFAULT_MAX_LAG_MS = 2000;

    public SearchConfig {
        if (!index.matches("[A-Za-z0-9_-]{1,400}")) throw new IllegalArgumentException("SEARCH_INDEX must be [A-Za-z0-9_-]+");
    }

    public static SearchConfig from(Env env) {
        String index = env.string("SEARCH_INDEX", "messages");
        if (!index.matches("[A-Za-z0-9_-]{1,400}")) {
            env.reject("SEARCH_INDEX", "must be letters, digits, '-' or '_'");
            index = "messages";
        }
        return new SearchConfig(
                env.uri("MEILI_URL", "http://127.0.0.1:7700", "http", "https"),
                env.string("MEILI_MASTER_KEY", ""),
                index,
                env.integer("SEARCH_BATCH_SIZE", DEFAULT_BATCH_SIZE, 1, 100_000),
                Duration.ofMillis(env.integer("SEARCH_BATCH_LATENCY_MS", (int) DEFAULT_BATCH_LATENCY_MS, 0, 60_000)),
                Duration.ofMillis(env.integer("SEARCH_MAX_LAG_MS", (int) DEFAULT_MAX_LAG_MS, 0, 3_600_000)),
                Duration.ofSeconds(env.integer("SEARCH_TASK_TIMEOUT_SECONDS", 120, 1, 3600)));
    }

    public static SearchConfig fromEnv(Map<String, String> environment) {
        Env env = new Env(environment);
        SearchConfig config = from(env);
        env.validate();
        return config;
    }

    /** The same settings on another index (tests use one index per class). */
    public SearchConfig withIndex(String otherIndex) {
        return new SearchConfig(meiliUrl, meiliMasterKey, otherIndex, batchSize, batchLatency, maxLag, taskTimeout);
    }
}
