package io.concord.ws.support;

import io.concord.common.test.TestStack;
import io.concord.ws.Main;
import io.concord.ws.WsConfig;
import io.concord.ws.WsNode;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Starts a real node on free ports, wired exactly as in production. */
public final class TestNodes {
    private TestNodes() {}

    public static WsNode start(int nodeId, Map<String, String> overrides, Clock clock) {
        Map<String, String> env = new HashMap<>(Map.of("WS_PORT", "0", "ADMIN_PORT", "0", "NODE_ID", Integer.toString(nodeId)));
        env.putAll(overrides);
        return Main.start(WsConfig.fromEnv(TestStack.env(env)), clock);
    }

    public static WsNode start(int nodeId) {
        return start(nodeId, Map.of(), Clock.systemUTC());
    }
}
