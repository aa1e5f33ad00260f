package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.concord.api.RestClient.Response;
import io.concord.common.routing.NodeRegistry;
import io.concord.common.routing.NodeRegistry.WsNode;
import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/**
 * {@code GET /gateway} against fake ws-nodes announced in the real registry. A developer's stack may
 * have real nodes registered in the same Redis, so assertions hold whatever else is announced.
 */
class GatewayUrlTest {
    // Far above the ids local stacks and the ws-node tests give their nodes.
    private static final int IDLE_NODE = 1001;
    private static final int FULL_NODE = 1002;
    private static final int DRAINING_NODE = 1003;
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(108);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static RedisClient redis;
    private static NodeRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        redis = Redis.connect(TestStack.stores());
        registry = new NodeRegistry(redis);
    }

    @AfterEach
    void withdrawFakeNodes() {
        List.of(IDLE_NODE, FULL_NODE, DRAINING_NODE).forEach(registry::withdraw);
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    private static String fakeUrl() {
        return "ws://fake-" + UUID.randomUUID() + ".test";
    }

    /** Our idle node, or another node announced just as idle (all share the least load, 0). */
    private static void assertIsAnIdleNode(String url, String ours) {
        if (url.equals(ours)) return;
        assertThat(registry.alive()).as("a node other than ours answered: it must be as idle as ours")
                .anySatisfy(n -> {
                    assertThat(n.url()).isEqualTo(url);
                    assertThat(n.sessions()).isZero();
                });
    }

    @Test
    void gatewayReturnsTheLeastLoadedNodesUrlWithoutAToken() {
        String ours = fakeUrl();
        registry.announce(new WsNode(IDLE_NODE, ours, 0, 10, false), 10_000);
        registry.announce(new WsNode(FULL_NODE, fakeUrl(), 10, 10, false), 10_000);
        registry.announce(new WsNode(DRAINING_NODE, fakeUrl(), 0, 10, true), 10_000);

        Response r = rest.get("/gateway", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().propertyNames()).containsExactly("url");
        assertIsAnIdleNode(r.json().path("url").asString(), ours);
    }

    @Test
    void gatewayBotNeedsAToken() {
        registry.announce(new WsNode(IDLE_NODE, fakeUrl(), 0, 10, false), 10_000);

        assertError(rest.get("/gateway/bot", null), 401, 0, "401: Unauthorized");
    }

    @Test
    void gatewayBotRefusesAUserToken() {
        // Discord answers user tokens with 401; the bot answer is covered by GatewayBotTest.
        registry.announce(new WsNode(IDLE_NODE, fakeUrl(), 0, 10, false), 10_000);

        assertError(rest.get("/gateway/bot", accounts.register().token()), 401, 0, "401: Unauthorized");
    }

    @Test
    void onlyFullOrDrainingNodesMeanServiceUnavailable() {
        List<String> ours = List.of(fakeUrl(), fakeUrl());
        registry.announce(new WsNode(FULL_NODE, ours.get(0), 10, 10, false), 10_000);
        registry.announce(new WsNode(DRAINING_NODE, ours.get(1), 0, 10, true), 10_000);
        assumeThat(registry.leastLoaded()).as("no usable ws-node of a running stack is registered in this Redis").isEmpty();

        Response r = rest.get("/gateway", null);

        if (r.status() == 200) {
            assumeThat(ours).as("a usable node of a running stack appeared meanwhile").contains(r.json().path("url").asString());
        }
        assertError(r, 503, 0, "No gateway node is available, try again");
    }
}
