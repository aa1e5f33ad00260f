package io.concord.ws.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboxBoundTest {
    /** A socket whose peer stopped reading: the first write never completes. */
    static final class StuckSink implements FrameSink {
        final List<String> written = new ArrayList<>();

        @Override
        public void send(String frame, Runnable sent, Consumer<Throwable> failed) {
            written.add(frame);
        }

        @Override
        public void close(int code, String reason) {}
    }

    /** Completes every write at once and counts what the watcher hears. */
    static final class RecordingWatcher implements Outbox.Watcher {
        final AtomicLong sentBytes = new AtomicLong();
        final List<Long> overflows = new ArrayList<>();

        @Override
        public void sent(int bytes) {
            sentBytes.addAndGet(bytes);
        }

        @Override
        public synchronized void overflowed(long queuedBytes) {
            overflows.add(queuedBytes);
        }
    }

    private static Dispatch message(int size) {
        return new Dispatch("MESSAGE_CREATE", "\"" + "x".repeat(size) + "\"");
    }

    @Test
    void aQueuePastItsBoundIsDroppedAtOnceAndTheWatcherToldOnce() {
        StuckSink sink = new StuckSink();
        RecordingWatcher watcher = new RecordingWatcher();
        Outbox outbox = new Outbox(sink, 1000);
        outbox.bound(10_000, watcher);
        outbox.release(List.of(new Dispatch("READY", "{}")));

        int accepted = 0;
        while (outbox.dispatch(message(1_000))) accepted++;

        assertThat(accepted).isBetween(8, 10);
        assertThat(watcher.overflows).hasSize(1);
        assertThat(watcher.overflows.getFirst()).isGreaterThan(10_000);
        assertThat(outbox.queuedBytes()).isZero();
        assertThat(outbox.dispatch(message(10))).isFalse();
        outbox.control("{\"op\":11}");
        assertThat(sink.written).hasSize(1);
        assertThat(watcher.overflows).hasSize(1);
    }

    @Test
    void dispatchesHeldBeforeReadyCountTowardsTheBound() {
        RecordingWatcher watcher = new RecordingWatcher();
        Outbox outbox = new Outbox(new StuckSink(), 1000);
        outbox.bound(5_000, watcher);

        for (int i = 0; i < 6; i++) outbox.dispatch(message(1_000));

        assertThat(watcher.overflows).hasSize(1);
        assertThat(outbox.queuedBytes()).isZero();
    }

    @Test
    void aConsumerThatKeepsUpNeverOverflowsHoweverMuchItReceives() {
        RecordingWatcher watcher = new RecordingWatcher();
        OutboxTest.InstantSink sink = new OutboxTest.InstantSink();
        Outbox outbox = new Outbox(sink, 1000);
        outbox.bound(5_000, watcher);
        outbox.release(List.of());

        for (int i = 0; i < 100; i++) assertThat(outbox.dispatch(message(1_000))).isTrue();

        assertThat(watcher.overflows).isEmpty();
        assertThat(sink.written).hasSize(100);
        assertThat(watcher.sentBytes.get()).isEqualTo(sink.written.stream().mapToLong(String::length).sum());
        assertThat(outbox.queuedBytes()).isZero();
    }
}
