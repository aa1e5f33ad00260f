package io.concord.api.gateway;

import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.error.ServiceUnavailable;
import io.concord.common.routing.NodeRegistry;
import java.util.Map;

/** {@code GET /gateway} and {@code GET /gateway/bot}: the least-loaded live ws-node. */
public final class GatewayRoutes {
    private GatewayRoutes() {}

    public static void register(Router router, NodeRegistry nodes) {
        router.open("GET", "/gateway", call -> Reply.ok(Map.of("url", url(nodes))));
        router.get("/gateway/bot", call -> Reply.ok(Map.of(
                "url", url(nodes),
                "shards", 1,
                "session_start_limit", Map.of("total", 1000, "remaining", 1000, "reset_after", 0, "max_concurrency", 1))));
    }

    private static String url(NodeRegistry nodes) {
        return nodes.leastLoaded().map(NodeRegistry.WsNode::url).orElseThrow(() -> new ServiceUnavailable("No gateway node is available, try again"));
    }
}
