package io.concord.api.gateway;

import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.error.ServiceUnavailable;
import io.concord.common.error.Unauthorized;
import io.concord.common.gateway.SessionStarts;
import io.concord.common.routing.NodeRegistry;
import java.util.Map;

/**
 * {@code GET /gateway} and {@code GET /gateway/bot}: the least-loaded live ws-node. The bot variant
 * answers bots only (Discord gives user tokens 401) with the bot's real identify budget.
 */
public final class GatewayRoutes {
    private GatewayRoutes() {}

    public static void register(Router router, NodeRegistry nodes, SessionStarts sessionStarts) {
        router.open("GET", "/gateway", call -> Reply.ok(Map.of("url", url(nodes))));
        router.get("/gateway/bot", call -> {
            if (!call.principal().bot()) throw new Unauthorized();
            SessionStarts.Limit limit = sessionStarts.limit(call.principal().userId());
            return Reply.ok(Map.of(
                    "url", url(nodes),
                    "shards", 1,
                    "session_start_limit", Map.of("total", limit.total(), "remaining", limit.remaining(),
                            "reset_after", limit.resetAfterMs(), "max_concurrency", limit.maxConcurrency())));
        });
    }

    private static String url(NodeRegistry nodes) {
        return nodes.leastLoaded().map(NodeRegistry.WsNode::url).orElseThrow(() -> new ServiceUnavailable("No gateway node is available, try again"));
    }
}
