package io.concord.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboxTest {
    /** A sink that completes writes later, on another thread, and records any overlap of two sends. */
    static final class SlowSink implements FrameSink {
        final List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final java.util.concurrent.ExecutorService completer = Executors.newSingleThreadExecutor();

        @Override
        public void send(String frame, Runnable sent, Consumer<Throwable> failed) {
            if (inFlight.incrementAndGet() > 1) overlaps.incrementAndGet();
            written.add(frame);
            completer.execute(() -> {
                inFlight.decrementAndGet();
                sent.run();
            });
        }

        @Override
        public void close(int code, String reason) {}
    }

    /** A sink whose writes complete inside send(), as Jetty's may. */
    static final class InstantSink implements FrameSink {
        final ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();

        @Override
        public void send(String frame, Runnable sent, Consumer<Throwable> failed) {
            written.add(frame);
            sent.run();
        }

        @Override
        public void close(int code, String reason) {}
    }

    @Test
    void dispatchesAreNumberedFromOneAndWrittenInOrderWithoutOverlappingSends() throws Exception {
        SlowSink sink = new SlowSink();
        Outbox outbox = new Outbox(sink, 1000);
        outbox.release(List.of(new Dispatch("READY", "{}")));
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 250; i++) outbox.dispatch(new Dispatch("MESSAGE_CREATE", "{}"));
                done.countDown();
            });
        }
        done.await(10, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + 5000;
        while (sink.written.size() < 1001 && System.currentTimeMillis() < deadline) Thread.sleep(10);

        assertThat(sink.overlaps.get()).isZero();
        assertThat(sink.written).hasSize(1001);
        for (int i = 0; i < sink.written.size(); i++) {
            assertThat(sink.written.get(i)).contains("\"s\":" + (i + 1) + ",");
        }
        sink.completer.shutdown();
    }

    @Test
    void dispatchesRelayedBeforeReadyWaitBehindReadyAndTheGuildCreates() {
        InstantSink sink = new InstantSink();
        Outbox outbox = new Outbox(sink, 1000);
        outbox.control("{\"op\":10}");
        outbox.dispatch(new Dispatch("MESSAGE_CREATE", "{\"early\":true}"));
        assertThat(sink.written).containsExactly("{\"op\":10}");

        outbox.release(List.of(new Dispatch("READY", "{}"), new Dispatch("GUILD_CREATE", "{}")));

        assertThat(sink.written).containsExactly("{\"op\":10}",
                "{\"op\":0,\"t\":\"READY\",\"s\":1,\"d\":{}}",
                "{\"op\":0,\"t\":\"GUILD_CREATE\",\"s\":2,\"d\":{}}",
                "{\"op\":0,\"t\":\"MESSAGE_CREATE\",\"s\":3,\"d\":{\"early\":true}}");
    }

    @Test
    void writesThatCompleteInsideSendDrainALongQueueWithoutRecursion() {
        InstantSink sink = new InstantSink();
        Outbox outbox = new Outbox(sink, 10);
        outbox.release(List.of());
        for (int i = 0; i < 100_000; i++) outbox.dispatch(new Dispatch("X", "1"));
        assertThat(sink.written).hasSize(100_000);
    }

    @Test
    void theReplayBufferKeepsOnlyTheLastFrames() {
        Outbox outbox = new Outbox(new InstantSink(), 3);
        outbox.release(List.of());
        for (int i = 0; i < 5; i++) outbox.dispatch(new Dispatch("X", Integer.toString(i)));
        assertThat(outbox.lastSeq()).isEqualTo(5);
        assertThat(outbox.replayAfter(3)).hasValue(List.of("{\"op\":0,\"t\":\"X\",\"s\":4,\"d\":3}", "{\"op\":0,\"t\":\"X\",\"s\":5,\"d\":4}"));
        assertThat(outbox.replayAfter(1)).isEmpty();
    }

    @Test
    void aClosedOutboxDropsEverything() {
        InstantSink sink = new InstantSink();
        Outbox outbox = new Outbox(sink, 10);
        outbox.release(List.of());
        outbox.close();
        outbox.control("{}");
        assertThat(outbox.dispatch(new Dispatch("X", "1"))).isFalse();
        assertThat(sink.written).isEmpty();
    }
}
