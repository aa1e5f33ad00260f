package io.concord.ws.session;

import java.util.ArrayDeque;
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
    private final ArrayDeque<Entry> entries;

    ReplayBuffer(int capacity) {
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(8);
    }

    void add(long seq, Dispatch dispatch) {
        if (entries.size() == capacity) entries.removeFirst();
        entries.addLast(new Entry(seq, dispatch));
    }

    /** Frames after {@code seq} in order, or empty when some of them are no longer kept. */
    Optional<List<String>> after(long seq) {
        Entry first = entries.peekFirst();
        if (first != null && first.seq() > seq + 1) return Optional.empty();
        return Optional.of(entries.stream().filter(e -> e.seq() > seq).map(Entry::frame).toList());
    }

    /** Entries after {@code seq} in order, or empty when some of them are no longer kept. */
    Optional<List<Entry>> entriesAfter(long seq) {
        Entry first = entries.peekFirst();
        if (first != null && first.seq() > seq + 1) return Optional.empty();
        return Optional.of(entries.stream().filter(e -> e.seq() > seq).toList());
    }

    int size() {
        return entries.size();
    }
}
