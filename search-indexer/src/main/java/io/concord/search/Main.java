package io.concord.search;

import io.concord.common.config.WorkerConfig;
import io.concord.common.lease.GroupMembership;
import io.concord.common.server.ProcessMain;

/** The search-indexer's composition root. Indexing messages into Meilisearch come with a later issue; until then it only holds its consumer group. */
public final class Main {
    static final String GROUP = "search";

    private Main() {}

    public static void main(String[] args) throws Exception {
        ProcessMain.run("search-indexer", () -> WorkerConfig.fromEnv(System.getenv(), "search", 9095), Main::start);
    }

    public static AutoCloseable start(WorkerConfig config) throws Exception {
        return GroupMembership.start(config, GROUP);
    }
}
