package io.concord.acceptance;

import io.concord.api.ApiConfig;
import io.concord.api.ApiNode;
import io.concord.common.config.WorkerConfig;
import io.concord.common.test.TestStack;
import io.concord.ws.WsConfig;
import io.concord.ws.WsNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every Concord service started through its own composition root, exactly as {@code main} wires it,
 * against the real servers of the test stack; each on a free port.
 */
final class Stack implements AutoCloseable {
    final ApiNode api;
    final WsNode ws;
    private final List<AutoCloseable> running = new ArrayList<>();

    Stack(int wsNodeId) throws Exception {
        this(901, wsNodeId);
    }

    /** A stack whose api-node has its own node id too (each test class its own ids, so snowflakes never collide). */
    Stack(int apiNodeId, int wsNodeId) throws Exception {
        this(apiNodeId, wsNodeId, true);
    }

    /** @param withFanout false when the test runs its fanout-workers itself (e.g. as processes it kills) */
    Stack(int apiNodeId, int wsNodeId, boolean withFanout) throws Exception {
        this(apiNodeId, wsNodeId, withFanout, true);
    }

    /** @param withReadState false when the test runs its readstate-workers itself (e.g. as processes it kills) */
    Stack(int apiNodeId, int wsNodeId, boolean withFanout, boolean withReadState) throws Exception {
        Clock clock = Clock.systemUTC();
        api = io.concord.api.Main.start(ApiConfig.fromEnv(TestStack.env(Map.of("API_PORT", "0", "ADMIN_PORT", "0",
                "NODE_ID", Integer.toString(apiNodeId), "SEARCH_INDEX", "t_search_acceptance"))), clock);
        running.add(api);
        ws = io.concord.ws.Main.start(WsConfig.fromEnv(TestStack.env(Map.of("WS_PORT", "0", "ADMIN_PORT", "0",
                "NODE_ID", Integer.toString(wsNodeId)))), clock);
        running.add(ws);
        Map<String, String> worker = TestStack.env(Map.of("ADMIN_PORT", "0", "LEASE_TTL_MS", "3000"));
        if (withFanout) running.add(io.concord.fanout.Main.start(WorkerConfig.fromEnv(worker, "fanout", 0), clock));
        if (withReadState) running.add(io.concord.readstate.Main.start(WorkerConfig.fromEnv(worker, "readstate", 0)));
        // An index of the acceptance tests' own (t_search_ prefix) on the shared Meilisearch.
        Map<String, String> indexer = new java.util.HashMap<>(worker);
        indexer.put("SEARCH_INDEX", "t_search_acceptance");
        running.add(io.concord.search.Main.start(io.concord.search.IndexerConfig.fromEnv(indexer)));
    }

    RestClient rest() {
        return new RestClient(api.baseUrl());
    }

    @Override
    public void close() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) running.get(i).close();
    }
}
