package io.concord.ws.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.GatewayClient.Closed;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.WsNodeExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GatewayCloseCodesTest {
    private static final int NODE_ID = 702;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();

    private GatewayClient helloed() throws Exception {
        GatewayClient client = wsNode.connect();
        assertThat(client.next().path("op").asInt()).isEqualTo(10);
        return client;
    }

    private GatewayClient identified() throws Exception {
        GatewayClient client = wsNode.connect();
        client.identify(world.token(world.user("closer")), null);
        return client;
    }

    @Test
    void anUnknownOpcodeCloses4001() throws Exception {
        try (GatewayClient client = identified()) {
            client.send("{\"op\":99,\"d\":null}");
            assertThat(client.awaitClose()).isEqualTo(new Closed(4001, "Unknown opcode"));
        }
    }

    @Test
    void invalidJsonCloses4002() throws Exception {
        try (GatewayClient client = helloed()) {
            client.send("{\"op\":1,");
            assertThat(client.awaitClose()).isEqualTo(new Closed(4002, "Decode error"));
        }
    }

    @Test
    void aPayloadWithoutAnIntegerOpCloses4002() throws Exception {
        for (String payload : new String[] {"[1,2]", "{\"d\":null}", "{\"op\":\"1\"}", "{\"op\":1.5}", "42"}) {
            try (GatewayClient client = helloed()) {
                client.send(payload);
                assertThat(client.awaitClose().code()).as(payload).isEqualTo(4002);
            }
        }
    }

    @Test
    void aPayloadOver4096BytesCloses4002() throws Exception {
        try (GatewayClient client = helloed()) {
            client.send("{\"op\":1,\"d\":\"" + "x".repeat(4100) + "\"}");
            assertThat(client.awaitClose()).isEqualTo(new Closed(4002, "Decode error"));
        }
    }

    @Test
    void aBinaryFrameCloses4002() throws Exception {
        try (GatewayClient client = helloed()) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.awaitClose().code()).isEqualTo(4002);
        }
    }

    @Test
    void aPayloadOtherThanHeartbeatBeforeIdentifyCloses4003() throws Exception {
        try (GatewayClient client = helloed()) {
            client.send(3, Map.of("status", "online", "since", 0, "activities", new Object[0], "afk", false));
            assertThat(client.awaitClose()).isEqualTo(new Closed(4003, "Not authenticated"));
        }
    }

    @Test
    void aBadTokenCloses4004() throws Exception {
        try (GatewayClient client = helloed()) {
            client.send(2, Map.of("token", "not-a-token", "properties", Map.of()));
            assertThat(client.awaitClose()).isEqualTo(new Closed(4004, "Authentication failed"));
        }
    }

    @Test
    void aSecondIdentifyCloses4005() throws Exception {
        long user = world.user("twice");
        try (GatewayClient client = identified()) {
            client.send(2, Map.of("token", world.token(user), "properties", Map.of()));
            assertThat(client.awaitClose()).isEqualTo(new Closed(4005, "Already authenticated"));
        }
    }

    @Test
    void anUnsupportedApiVersionCloses4012() throws Exception {
        try (GatewayClient client = wsNode.connect("v=6&encoding=json")) {
            assertThat(client.awaitClose()).isEqualTo(new Closed(4012, "Invalid API version"));
        }
    }

    @Test
    void anEncodingOtherThanJsonCloses4002() throws Exception {
        try (GatewayClient client = wsNode.connect("v=10&encoding=etf")) {
            Closed closed = client.awaitClose();
            assertThat(closed.code()).isEqualTo(4002);
            assertThat(closed.reason()).contains("encoding");
        }
    }

    @Test
    void unknownOrMalformedIntentsClose4013() throws Exception {
        long user = world.user("intents");
        for (Object intents : new Object[] {1L << 18, -1, "513", 1.5, 1L << 40}) {
            try (GatewayClient client = helloed()) {
                client.send(2, Map.of("token", world.token(user), "properties", Map.of(), "intents", intents));
                assertThat(client.awaitClose().code()).as("intents " + intents).isEqualTo(4013);
            }
        }
    }
}
