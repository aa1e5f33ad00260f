package io.concord.ws.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;

/**
 * The dispatches one event makes, handed to their sessions once the event's rules have run: on the
 * routing thread alone when they are few, split over up to {@code threads} threads when they are many.
 *
 * <p>Why: a delivery is mostly the socket write, ~20 us of CPU each on this machine's loopback, so
 * a thread walking a guild of 1,000 sessions takes ~20 ms before the last one is sent, and 15,000
 * sessions ~300 ms. Split over the cores, the last one goes out that many times sooner.
 *
 * <p>What stays as it was: every dispatch of one session goes to the same part, in the order the
 * rules made them (the part is chosen by the session), and {@link #flush} returns only once every
 * part is done, so the caller (holding the routing lock) still finishes one event before the next,
 * and a checkpoint never sees half an event. Only the per-session sends run in parallel; the rules,
 * the permission cache and the large-guild state stay on the routing thread.
 *
 * <p>Not thread-safe: one instance per router, used under its routing lock.
 */
final class Deliveries<S, D> {
    private final int threads;
    private final int minPerThread;
    private final List<S> sessions = new ArrayList<>();
    private final List<D> dispatches = new ArrayList<>();

    /**
     * @param threads      parts at most (1: always on the routing thread)
     * @param minPerThread the fewest dispatches worth a thread of their own (a hand-off costs a few us)
     */
    Deliveries(int threads, int minPerThread) {
        if (threads < 1 || minPerThread < 1) throw new IllegalArgumentException("threads and minPerThread must be positive");
        this.threads = threads;
        this.minPerThread = minPerThread;
    }

    void add(S session, D dispatch) {
        sessions.add(session);
        dispatches.add(dispatch);
    }

    /** Sends everything added, in parts when there is enough, and forgets it; rethrows the first failure of a part. */
    void flush(BiConsumer<S, D> send) {
        int n = sessions.size();
        int parts = Math.min(threads, n / minPerThread);
        try {
            if (parts <= 1) {
                RuntimeException failure = sendAll(null, n, send);
                if (failure != null) throw failure;
            } else {
                inParts(parts, send);
            }
        } finally {
            sessions.clear();
            dispatches.clear();
        }
    }

    private void inParts(int parts, BiConsumer<S, D> send) {
        int n = sessions.size();
        // Indexes by part; a session's part comes from its identity, so all of its dispatches share one.
        int[][] index = new int[parts][];
        int[] size = new int[parts];
        int[] partOf = new int[n];
        for (int i = 0; i < n; i++) {
            int p = Math.floorMod(mix(System.identityHashCode(sessions.get(i))), parts);
            partOf[i] = p;
            size[p]++;
        }
        for (int p = 0; p < parts; p++) index[p] = new int[size[p]];
        int[] filled = new int[parts];
        for (int i = 0; i < n; i++) index[partOf[i]][filled[partOf[i]]++] = i;

        CountDownLatch done = new CountDownLatch(parts - 1);
        RuntimeException[] failure = new RuntimeException[parts];
        for (int p = 1; p < parts; p++) {
            int part = p;
            Thread.ofVirtual().name("delivery-", part).start(() -> {
                try {
                    failure[part] = sendAll(index[part], index[part].length, send);
                } finally {
                    done.countDown();
                }
            });
        }
        failure[0] = sendAll(index[0], index[0].length, send);
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                // The parts are running; the event must be whole before the routing lock is let go.
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        for (RuntimeException e : failure) {
            if (e != null) throw e;
        }
    }

    /**
     * Sends the first {@code count} of {@code part} (indexes into what was added; null: all, in
     * order). A failing send does not stop the others. Returns the first failure.
     */
    private RuntimeException sendAll(int[] part, int count, BiConsumer<S, D> send) {
        RuntimeException first = null;
        for (int k = 0; k < count; k++) {
            int i = part == null ? k : part[k];
            try {
                send.accept(sessions.get(i), dispatches.get(i));
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        return first;
    }

    /** Spreads identity hashes (which may share low bits) over the parts. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        return h ^ (h >>> 13);
    }
}
