package io.concord.readstate;

import io.concord.common.config.WorkerConfig;
import io.concord.common.lease.GroupMembership;
import io.concord.common.server.ProcessMain;

/** The readstate-worker's composition root. Unread cursors and mention counts come with a later issue; until then it only holds its consumer group. */
public final class Main {
    static final String GROUP = "readstate";

    private Main() {}

    public static void main(String[] args) throws Exception {
        ProcessMain.run("readstate-worker", () -> WorkerConfig.fromEnv(System.getenv(), "readstate", 9094), Main::start);
    }

    public static AutoCloseable start(WorkerConfig config) throws Exception {
        return GroupMembership.start(config, GROUP);
    }
}
