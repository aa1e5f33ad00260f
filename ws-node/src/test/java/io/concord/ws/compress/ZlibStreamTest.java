package io.concord.ws.compress;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.support.ZlibReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZlibStreamTest {
    private static final byte[] SYNC_FLUSH = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    @ParameterizedTest
    @ValueSource(ints = {9, 12, 15})
    void aLongSequenceOfFramesInflatesWithADefaultInflater(int windowBits) {
        try (ZlibStreams streams = new ZlibStreams(windowBits); ZlibStream stream = streams.open()) {
            ZlibReader reader = new ZlibReader();
            List<byte[]> payloads = payloads(new Random(windowBits), 3000);
            for (int i = 0; i < payloads.size(); i++) {
                byte[] frame = stream.frame(payloads.get(i)).orElseThrow();
                if (i == 0) assertThat(Arrays.copyOf(frame, 2)).as("zlib header").containsExactly(0x78, 0x9C);
                assertThat(Arrays.copyOfRange(frame, frame.length - 4, frame.length)).as("end of frame %d", i).containsExactly(SYNC_FLUSH);
                assertThat(reader.inflate(frame)).as("frame %d", i).isEqualTo(payloads.get(i));
            }
        }
    }

    @Test
    void aPayloadRepeatedInTheNextFrameIsSentAsABackReference() {
        byte[] payload = randomJson(new Random(7), 2000);
        try (ZlibStreams streams = new ZlibStreams(12); ZlibStream stream = streams.open()) {
            int first = stream.frame(payload).orElseThrow().length;
            int second = stream.frame(payload).orElseThrow().length;
            assertThat(first).isGreaterThan(1000);
            assertThat(second).as("the repeat refers to the previous frame").isLessThan(64);
        }
    }

    @Test
    void historyBeyondTheWindowIsNotKept() {
        try (ZlibStreams streams = new ZlibStreams(10); ZlibStream stream = streams.open()) {
            assertThat(stream.retainedBytes()).as("nothing before the first frame").isZero();
            stream.frame(randomJson(new Random(1), 5000));
            assertThat(stream.retainedBytes()).isEqualTo(1024);
        }
    }

    @Test
    void closingFreesTheHistoryAndRefusesLaterFrames() {
        try (ZlibStreams streams = new ZlibStreams(12)) {
            ZlibStream stream = streams.open();
            stream.frame("{\"op\":10}".getBytes(StandardCharsets.UTF_8)).orElseThrow();
            assertThat(stream.retainedBytes()).isPositive();

            stream.close();

            assertThat(stream.retainedBytes()).isZero();
            assertThat(stream.frame("{\"op\":11}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        }
    }

    @Test
    void deflateEnginesAreBoundedByConcurrentFramesNotByStreams() throws Exception {
        int maxIdle = 3;
        try (ZlibStreams streams = new ZlibStreams(12, -1, maxIdle); ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<ZlibStream> open = new ArrayList<>();
            for (int i = 0; i < 400; i++) open.add(streams.open());
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t;
                results.add(threads.submit(() -> {
                    Random random = new Random(first);
                    for (int round = 0; round < 5; round++) {
                        for (int i = first; i < open.size(); i += 8) {
                            ZlibReader reader = new ZlibReader();
                            ZlibStream fresh = streams.open();
                            byte[] payload = randomJson(random, 300);
                            if (!Arrays.equals(reader.inflate(fresh.frame(payload).orElseThrow()), payload)) return false;
                            open.get(i).frame(payload);
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) assertThat(r.get()).isTrue();
            assertThat(streams.idleEngines()).isBetween(1, maxIdle);
        }
    }

    /** Dispatch-like JSON (compressible, repetitive across frames), incompressible runs, large and multi-byte payloads. */
    private static List<byte[]> payloads(Random random, int count) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            payloads.add(switch (i % 7) {
                case 0 -> ("{\"op\":11,\"d\":null}").getBytes(StandardCharsets.UTF_8);
                case 1, 2, 3 -> ("{\"op\":0,\"t\":\"MESSAGE_CREATE\",\"s\":" + i + ",\"d\":{\"id\":\"" + random.nextLong(1L << 62)
                        + "\",\"content\":\"héllo ✓ 🎉 " + i + "\",\"author\":{\"username\":\"user" + random.nextInt(50) + "\"}}}")
                        .getBytes(StandardCharsets.UTF_8);
                case 4 -> randomJson(random, 1 + random.nextInt(9000));
                case 5 -> i % 100 == 5 ? randomJson(random, 70_000) : randomJson(random, 50);
                default -> {
                    byte[] bytes = new byte[1 + random.nextInt(3000)];
                    random.nextBytes(bytes);
                    yield bytes;
                }
            });
        }
        return payloads;
    }

    private static byte[] randomJson(Random random, int size) {
        byte[] raw = new byte[size];
        random.nextBytes(raw);
        return ("{\"d\":\"" + Base64.getEncoder().encodeToString(raw) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
