package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.search.MessageIndex;
import io.concord.common.search.SearchConfig;
import io.concord.common.test.TestStack;
import io.concord.search.IndexerConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A search test class's own Meilisearch index ({@code t_search_} prefix, dropped after the class) and
 * the real search-indexer, started in-process from its {@code Main.start} on that index.
 */
final class SearchIndexing implements AutoCloseable {
    final String index = "t_search_" + UUID.randomUUID().toString().substring(0, 8);
    private AutoCloseable indexer;

    /** The api-node's environment for this index ({@code extra} on top). */
    Map<String, String> apiEnvironment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("RATE_LIMITS", "off", "SEARCH_INDEX", index));
        env.putAll(extra);
        return env;
    }

    IndexerConfig indexerConfig() {
        return IndexerConfig.fromEnv(TestStack.env(Map.of("ADMIN_PORT", "0", "LEASE_TTL_MS", "3000", "SEARCH_INDEX", index,
                "SEARCH_BATCH_LATENCY_MS", "20")));
    }

    SearchConfig searchConfig() {
        return indexerConfig().search();
    }

    void startIndexer() throws Exception {
        if (indexer == null) indexer = io.concord.search.Main.start(indexerConfig());
    }

    void stopIndexer() throws Exception {
        if (indexer != null) indexer.close();
        indexer = null;
    }

    @Override
    public void close() throws Exception {
        stopIndexer();
        MessageIndex.of(searchConfig()).drop();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Polls until {@code response} satisfies {@code done} (the index is eventually consistent), then returns it. */
    static RestClient.Response await(Supplier<RestClient.Response> response, java.util.function.Predicate<RestClient.Response> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            RestClient.Response r = response.get();
            if (done.test(r)) return r;
            assertThat(System.nanoTime()).as("still not there after 30 s: %s", r).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
