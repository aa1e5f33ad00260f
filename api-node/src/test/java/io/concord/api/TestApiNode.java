package io.concord.api;

import io.concord.common.test.TestStack;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Starts an api-node exactly as production wires it, on free ports, against the test servers. */
final class TestApiNode {
    private TestApiNode() {}

    /**
     * {@code nodeId} must differ per test class (100..199) so that their snowflakes never collide.
     * Rate limits are off: the tests fire requests far faster than Discord's limits allow.
     */
    static ApiNode start(int nodeId) throws Exception {
        return start(nodeId, Clock.systemUTC(), Map.of("RATE_LIMITS", "off"));
    }

    /**
     * A node on {@code clock} with extra environment on top of the test servers', e.g.
     * {@code RATE_LIMITS=on} and small limits for the rate-limit tests.
     */
    static ApiNode start(int nodeId, Clock clock, Map<String, String> environment) throws Exception {
        Map<String, String> overrides = new HashMap<>(Map.of("API_PORT", "0", "ADMIN_PORT", "0", "NODE_ID", Integer.toString(nodeId)));
        overrides.putAll(environment);
        return Main.start(ApiConfig.fromEnv(TestStack.env(overrides)), clock);
    }
}
