package io.concord.ws.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last dispatches a session was sent, so a resume can replay what the client missed. It keeps
 * the dispatch (whose payload is encoded once per node and shared by every session that got it) and
 * its number, never a per-session copy of the frame: the frame is rebuilt only when replayed.
 * Not thread-safe: the outbox guards it with its lock.
 */
public final class ReplayBuffer {
    /** One numbered dispatch. */
    public record Entry(long seq, Dispatch dispatch) {
        public String frame() {
            return Frames.dispatch(dispatch.type(), seq, dispatch.payload());
        }
    }

    private final int capacity;
    /**
     * A ring of the kept numbers and dispatches, oldest at {@link #head}: two arrays rather than an
     * entry object per dispatch. A busy session keeps up to {@code capacity} of them for minutes, and
     * entry objects that live that long are copied by young collections until promoted; the ring
     * keeps only a reference to the shared dispatch. Created with the first entry: an idle session,
     * whose opening burst is not kept, never needs them.
     */
    private long[] seqs;
    private Dispatch[] dispatches;
    private int head;
    private int size;

    ReplayBuffer(int capacity) {
        this.capacity = capacity;
    }

    void add(long seq, Dispatch dispatch) {
        if (seqs == null) {
            seqs = new long[Math.min(8, capacity)];
            dispatches = new Dispatch[seqs.length];
        } else if (size == seqs.length && size < capacity) {
            grow();
        }
        if (size == seqs.length) {
            // Full at capacity: the newest replaces the oldest.
            seqs[head] = seq;
            dispatches[head] = dispatch;
            head = (head + 1) % seqs.length;
        } else {
            int at = (head + size) % seqs.length;
            seqs[at] = seq;
            dispatches[at] = dispatch;
            size++;
        }
    }

    private void grow() {
        int length = Math.min(capacity, seqs.length * 2);
        long[] s = new long[length];
        Dispatch[] d = new Dispatch[length];
        for (int i = 0; i < size; i++) {
            s[i] = seqs[(head + i) % seqs.length];
            d[i] = dispatches[(head + i) % seqs.length];
        }
        seqs = s;
        dispatches = d;
        head = 0;
    }

    /** Frames after {@code seq} in order, or empty when some of them are no longer kept. */
    Optional<List<String>> after(long seq) {
        return entriesAfter(seq).map(kept -> kept.stream().map(Entry::frame).toList());
    }

    /** Entries after {@code seq} in order, or empty when some of them are no longer kept. */
    Optional<List<Entry>> entriesAfter(long seq) {
        if (size == 0) return Optional.of(List.of());
        if (seqs[head] > seq + 1) return Optional.empty();
        List<Entry> kept = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int at = (head + i) % seqs.length;
            if (seqs[at] > seq) kept.add(new Entry(seqs[at], dispatches[at]));
        }
        return Optional.of(List.copyOf(kept));
    }

    int size() {
        return size;
    }
}
