package io.concord.ws.support;

import io.concord.common.event.GuildEvent;
import io.concord.ws.WsNode;
import io.concord.ws.support.TestWorld.TestGuild;
import java.util.List;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One ws-node per test class, started before its first test and closed after its last, with the test
 * world (same worker id as the node), a WebSocket client and, when asked for, {@link AccessEdits}:
 * <pre>{@code
 * @RegisterExtension
 * static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
 * private static final TestWorld world = wsNode.world();
 * }</pre>
 * The world and the client exist before the node starts, so a class can keep them in static final
 * fields. The node id must differ per test class: snowflakes from equal ids collide.
 */
public final class WsNodeExtension implements BeforeAllCallback, AfterAllCallback {
    private final int nodeId;
    private final TestWorld world;
    private final WebSocketClient ws = new WebSocketClient();
    private AccessEdits edits;
    private WsNode node;

    private final java.util.Map<String, String> env;
    private final java.time.Clock clock;

    public WsNodeExtension(int nodeId) {
        this(nodeId, java.util.Map.of(), java.time.Clock.systemUTC());
    }

    /** A node with these settings (e.g. {@code LARGE_GUILD_MEMBERS}) on this clock (e.g. a {@link io.concord.common.test.ManualClock}). */
    public WsNodeExtension(int nodeId, java.util.Map<String, String> env, java.time.Clock clock) {
        this.nodeId = nodeId;
        this.world = new TestWorld(nodeId);
        this.env = env;
        this.clock = clock;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        node = TestNodes.start(nodeId, env, clock);
        ws.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        // Closed in the reverse order of the resources: the node, then the edits, then the world.
        try (TestWorld w = world; AccessEdits e = edits; WsNode n = node) {
            ws.stop();
        } finally {
            node = null;
        }
    }

    public WsNode node() {
        if (node == null) throw new IllegalStateException("ws-node " + nodeId + " is not running: is the extension registered?");
        return node;
    }

    public TestWorld world() {
        return world;
    }

    /** Row-first access changes on this world, closed with the node. */
    public AccessEdits edits() {
        if (edits == null) edits = new AccessEdits(world);
        return edits;
    }

    /** Publishes a MESSAGE_CREATE onto this node's relay stream, shaped as an api-node encodes it. */
    public void publishMessage(TestGuild guild, long channelId, long authorId, String content) {
        world.publish(nodeId, new GuildEvent("MESSAGE_CREATE", guild.id(), channelId, List.of(),
                TestWorld.message(world.id(), channelId, guild.id(), authorId, content)));
    }

    /** A connected socket that has not identified yet. */
    public GatewayClient connect() throws Exception {
        return GatewayClient.connect(ws, node().publicUrl());
    }

    /** A connected socket that has not identified yet, with {@code query} (e.g. {@code "v=10&encoding=json"}) on its URL. */
    public GatewayClient connect(String query) throws Exception {
        return GatewayClient.connect(ws, node().publicUrl(), query);
    }

    /** An identified session that has read its READY and {@code guilds} GUILD_CREATEs, see {@link Sessions#load}. */
    public GatewayClient load(long userId, Object intents, int guilds) throws Exception {
        return Sessions.load(ws, node(), world, userId, intents, guilds);
    }
}
