package io.concord.api;

import io.concord.common.test.TestStack;
import java.time.Clock;
import java.util.Map;

/** Starts an api-node exactly as production wires it, on free ports, against the test servers. */
final class TestApiNode {
    private TestApiNode() {}

    /** {@code nodeId} must differ per test class (100..199) so that their snowflakes never collide. */
    static ApiNode start(int nodeId) throws Exception {
        Map<String, String> env = TestStack.env(Map.of("API_PORT", "0", "ADMIN_PORT", "0", "NODE_ID", Integer.toString(nodeId)));
        return Main.start(ApiConfig.fromEnv(env), Clock.systemUTC());
    }
}
