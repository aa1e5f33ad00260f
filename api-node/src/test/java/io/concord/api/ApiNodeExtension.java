package io.concord.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One api-node per test class, started before its first test and closed after its last, with a
 * client, accounts and the other helpers bound to it:
 * <pre>{@code
 * @RegisterExtension
 * static final ApiNodeExtension api = new ApiNodeExtension(131);
 * private static final RestClient rest = api.rest();
 * }</pre>
 * The helpers exist before the node starts (the client asks for the node's URL on each request), so
 * a class can keep them in static final fields. The node id must differ per test class, see
 * {@link TestApiNode}.
 */
final class ApiNodeExtension implements BeforeAllCallback, AfterAllCallback {
    private final int nodeId;
    private final Clock clock;
    private final Map<String, String> environment;
    private final RestClient rest = new RestClient(() -> node().baseUrl());
    private final Accounts accounts = new Accounts(rest);
    private final List<AutoCloseable> opened = new ArrayList<>();
    private ApiNode node;

    /** A node as {@link TestApiNode#start(int)} makes it: system clock, rate limits off. */
    ApiNodeExtension(int nodeId) {
        this(nodeId, Clock.systemUTC(), Map.of("RATE_LIMITS", "off"));
    }

    /** A node on {@code clock} with extra environment, as {@link TestApiNode#start(int, Clock, Map)} makes it. */
    ApiNodeExtension(int nodeId, Clock clock, Map<String, String> environment) {
        this.nodeId = nodeId;
        this.clock = clock;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        node = TestApiNode.start(nodeId, clock, environment);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try (ApiNode started = node) {
            for (AutoCloseable c : opened.reversed()) c.close();
        } finally {
            opened.clear();
            node = null;
        }
    }

    ApiNode node() {
        if (node == null) throw new IllegalStateException("api-node " + nodeId + " is not running: is the extension registered?");
        return node;
    }

    RestClient rest() {
        return rest;
    }

    Accounts accounts() {
        return accounts;
    }

    Bots bots() {
        return new Bots(rest);
    }

    /** A reader of the guild event streams, closed with the node. */
    GuildEvents events() {
        return closedAfterAll(new GuildEvents());
    }

    /** Roles and members made through this node, closed with it. */
    RoleFixtures roles() {
        return closedAfterAll(new RoleFixtures(rest, accounts));
    }

    private <T extends AutoCloseable> T closedAfterAll(T resource) {
        opened.add(resource);
        return resource;
    }
}
