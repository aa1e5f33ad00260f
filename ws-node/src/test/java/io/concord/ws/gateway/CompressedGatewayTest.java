package io.concord.ws.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.NodeMetrics;
import io.concord.ws.support.RecordingGatewayClient;
import io.concord.ws.support.RecordingGatewayClient.Frame;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code compress=zlib-stream}: one zlib stream per connection, every payload a binary frame ending in a sync flush. */
class CompressedGatewayTest {
    private static final int NODE_ID = 750;
    private static final byte[] SYNC_FLUSH = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final String ZLIB = "v=10&encoding=json&compress=zlib-stream";
    private static final String COMPRESSED_BYTES = "gateway_sent_bytes_total{compression=\"zlib-stream\"}";
    private static final String UNCOMPRESSED_BYTES = "gateway_sent_uncompressed_bytes_total{compression=\"zlib-stream\"}";
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();
    private static final WebSocketClient ws = new WebSocketClient();

    @BeforeAll
    static void startClient() throws Exception {
        ws.start();
    }

    @AfterAll
    static void stopClient() throws Exception {
        ws.stop();
    }

    @Test
    void aZlibStreamSessionReceivesEveryPayloadAsACompressedBinaryFrame() throws Exception {
        long owner = world.user("zlib-owner");
        TestGuild guild = world.guild(owner, "Compressed");
        try (RecordingGatewayClient client = connect(ZLIB)) {
            List<Frame> frames = new ArrayList<>();
            frames.add(client.next());
            assertThat(frames.getFirst().json().path("op").asInt()).as("HELLO").isEqualTo(10);
            client.identify(world.token(owner));
            frames.add(client.nextDispatch("READY"));
            frames.add(client.nextDispatch("GUILD_CREATE"));
            assertThat(frames.getLast().json().path("d").path("id").asString()).isEqualTo(Long.toString(guild.id()));
            client.send(1, 2);
            frames.add(client.next());
            assertThat(frames.getLast().json().path("op").asInt()).as("heartbeat ACK").isEqualTo(11);
            for (int i = 0; i < 20; i++) {
                wsNode.publishMessage(guild, guild.channelId(), owner, "compressed " + i);
                frames.add(client.nextDispatch("MESSAGE_CREATE"));
                assertThat(frames.getLast().json().path("d").path("content").asString()).isEqualTo("compressed " + i);
            }

            assertThat(Arrays.copyOf(frames.getFirst().wire(), 2)).as("zlib header, once").containsExactly(0x78, 0x9C);
            for (Frame f : frames) {
                assertThat(f.binary()).as("binary: %s", f.json()).isTrue();
                assertThat(Arrays.copyOfRange(f.wire(), f.wire().length - 4, f.wire().length)).as("sync flush at the end of %s", f.json())
                        .containsExactly(SYNC_FLUSH);
            }
            assertThat(frames.subList(1, frames.size())).as("no further zlib header")
                    .noneMatch(f -> f.wire()[0] == 0x78 && f.wire()[1] == (byte) 0x9C);
        }
    }

    @Test
    void aSessionWithoutCompressStillGetsTextFrames() throws Exception {
        long owner = world.user("text-owner");
        TestGuild guild = world.guild(owner, "Plain");
        try (RecordingGatewayClient client = connect("v=10&encoding=json")) {
            assertText(client.next(), 10);
            client.identify(world.token(owner));
            assertText(client.nextDispatch("READY"), 0);
            assertText(client.nextDispatch("GUILD_CREATE"), 0);
            wsNode.publishMessage(guild, guild.channelId(), owner, "plain");
            assertText(client.nextDispatch("MESSAGE_CREATE"), 0);
        }
    }

    /** zstd-stream (Discord's other transport compression) is not spoken: the connection gets text frames, which every client reads. */
    @Test
    void anUnsupportedCompressValueFallsBackToTextFrames() throws Exception {
        long owner = world.user("zstd-owner");
        world.guild(owner, "Zstd asked");
        try (RecordingGatewayClient client = connect("v=10&encoding=json&compress=zstd-stream")) {
            assertText(client.next(), 10);
            client.identify(world.token(owner));
            assertText(client.nextDispatch("READY"), 0);
            assertText(client.nextDispatch("GUILD_CREATE"), 0);
        }
    }

    @Test
    void compressedBytesAreCountedAndTheContextIsFreedWhenTheSocketCloses() throws Exception {
        long owner = world.user("metrics-owner");
        world.guild(owner, "Counted");
        awaitNoZlibStream();
        double compressedBefore = NodeMetrics.value(wsNode.node(), COMPRESSED_BYTES);
        double uncompressedBefore = NodeMetrics.value(wsNode.node(), UNCOMPRESSED_BYTES);
        long wire = 0;
        try (RecordingGatewayClient client = connect(ZLIB)) {
            wire += client.next().wire().length;
            client.identify(world.token(owner));
            wire += client.nextDispatch("READY").wire().length;
            wire += client.nextDispatch("GUILD_CREATE").wire().length;
            assertThat(NodeMetrics.value(wsNode.node(), "gateway_zlib_streams")).isEqualTo(1);

            double compressed = NodeMetrics.value(wsNode.node(), COMPRESSED_BYTES) - compressedBefore;
            double uncompressed = NodeMetrics.value(wsNode.node(), UNCOMPRESSED_BYTES) - uncompressedBefore;
            assertThat(compressed).as("at least every byte the client read").isGreaterThanOrEqualTo(wire);
            assertThat(uncompressed).as("JSON before compression").isGreaterThan(compressed);
        }
        awaitNoZlibStream();
    }

    private static void awaitNoZlibStream() throws Exception {
        long deadline = System.nanoTime() + GatewayClient.WAIT.toNanos();
        // Jetty reports the close asynchronously; poll instead of guessing a delay.
        while (NodeMetrics.value(wsNode.node(), "gateway_zlib_streams") != 0) {
            assertThat(System.nanoTime()).as("the zlib stream of a closed socket is released").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void assertText(Frame frame, int op) {
        assertThat(frame.binary()).as("text: %s", frame.json()).isFalse();
        assertThat(frame.json().path("op").asInt()).isEqualTo(op);
    }

    private static RecordingGatewayClient connect(String query) throws Exception {
        return RecordingGatewayClient.connect(ws, wsNode.node().publicUrl(), query);
    }
}
