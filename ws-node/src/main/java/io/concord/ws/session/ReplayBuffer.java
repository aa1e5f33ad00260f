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
    /** Created with the first entry: an idle session, whose opening burst is not kept, never needs it. */
    private ArrayDeque<Entry> entries;

    ReplayBuffer(int capacity) {
        this.capacity = capacity;
    }

    void add(long seq, Dispatch dispatch) {
        if (entries == null) entries = new ArrayDeque<>(8);
        if (entries.size() == capacity) entries.removeFirst();
        entries.addLast(new Entry(seq, dispatch));
    }

    /** Frames after {@code seq} in order, or empty when some of them are no longer kept. */
    Optional<List<String>> after(long seq) {
        return entriesAfter(seq).map(kept -> kept.stream().map(Entry::frame).toList());
    }

    /** Entries after {@code seq} in order, or empty when some of them are no longer kept. */
    Optional<List<Entry>> entriesAfter(long seq) {
        if (entries == null) return Optional.of(List.of());
        Entry first = entries.peekFirst();
        if (first != null && first.seq() > seq + 1) return Optional.empty();
        return Optional.of(entries.stream().filter(e -> e.seq() > seq).toList());
    }

    int size() {
        return entries == null ? 0 : entries.size();
    }
}
