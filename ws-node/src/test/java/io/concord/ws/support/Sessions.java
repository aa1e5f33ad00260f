package io.concord.ws.support;

import io.concord.ws.WsNode;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** Connected, identified sessions that have read their READY and GUILD_CREATEs. */
public final class Sessions {
    private Sessions() {}

    /** {@code intents} null identifies as a user client (no intents field). */
    public static GatewayClient load(WebSocketClient ws, WsNode node, TestWorld world, long userId, Object intents, int guilds) throws Exception {
        GatewayClient client = GatewayClient.connect(ws, node.publicUrl());
        client.identify(world.token(userId), intents);
        for (int i = 0; i < guilds; i++) client.nextDispatch("GUILD_CREATE");
        return client;
    }
}
