package io.concord.ws.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class DeliveriesTest {
    /** A stand-in session that records what it was sent and on which thread. */
    private static final class Recorder {
        final List<Integer> received = new ArrayList<>();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    }

    private static void record(Recorder r, Integer d) {
        synchronized (r) {
            r.received.add(d);
        }
        r.threads.add(Thread.currentThread());
    }

    @Test
    void manySendsAreSplitOverThreadsAndEachSessionGetsItsDispatchesInOrder() {
        Deliveries<Recorder, Integer> deliveries = new Deliveries<>(4, 8);
        List<Recorder> sessions = new ArrayList<>();
        for (int i = 0; i < 200; i++) sessions.add(new Recorder());
        // Three dispatches per session, interleaved across sessions as the rules would make them.
        for (int d = 0; d < 3; d++) {
            for (Recorder r : sessions) deliveries.add(r, d);
        }
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        deliveries.flush((r, d) -> {
            record(r, d);
            used.add(Thread.currentThread());
        });

        for (Recorder r : sessions) {
            assertThat(r.received).containsExactly(0, 1, 2);
            assertThat(r.threads).hasSize(1);
        }
        assertThat(used).hasSizeGreaterThan(1).hasSizeLessThanOrEqualTo(4).contains(Thread.currentThread());
    }

    @Test
    void fewSendsStayOnTheCallingThread() {
        Deliveries<Recorder, Integer> deliveries = new Deliveries<>(4, 128);
        List<Recorder> sessions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Recorder r = new Recorder();
            sessions.add(r);
            deliveries.add(r, i);
        }
        deliveries.flush(DeliveriesTest::record);

        for (int i = 0; i < sessions.size(); i++) {
            assertThat(sessions.get(i).received).containsExactly(i);
            assertThat(sessions.get(i).threads).containsExactly(Thread.currentThread());
        }
    }

    @Test
    void flushReturnsOnlyWhenEveryPartIsDoneAndForgetsWhatItSent() {
        Deliveries<Recorder, Integer> deliveries = new Deliveries<>(2, 1);
        Map<Recorder, Boolean> done = new ConcurrentHashMap<>();
        List<Recorder> sessions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Recorder r = new Recorder();
            sessions.add(r);
            deliveries.add(r, i);
        }
        deliveries.flush((r, d) -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.put(r, true);
        });
        assertThat(done).hasSize(50);

        List<Integer> again = new ArrayList<>();
        deliveries.flush((r, d) -> again.add(d));
        assertThat(again).isEmpty();
    }

    @Test
    void aFailingSendDoesNotStopTheOthersAndIsRethrown() {
        for (int threads : new int[] {1, 3}) {
            Deliveries<Recorder, Integer> deliveries = new Deliveries<>(threads, 1);
            List<Recorder> sessions = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Recorder r = new Recorder();
                sessions.add(r);
                deliveries.add(r, i);
            }
            assertThatThrownBy(() -> deliveries.flush((r, d) -> {
                if (d == 7) throw new IllegalStateException("socket gone");
                record(r, d);
            })).isInstanceOf(IllegalStateException.class).hasMessage("socket gone");
            long sent = sessions.stream().filter(r -> !r.received.isEmpty()).count();
            assertThat(sent).as("threads=%d", threads).isEqualTo(29);
        }
    }
}
