package io.concord.ws.session;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * The last dispatch frames a session was sent, so a resume can replay what the client missed.
 * Not thread-safe: the outbox guards it with its lock.
 */
public final class ReplayBuffer {
    /** One numbered dispatch frame. */
    public record Entry(long seq, String frame) {}

    private final int capacity;
    private final ArrayDeque<Entry> entries;

    ReplayBuffer(int capacity) {
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 64));
    }

    void add(long seq, String frame) {
        if (entries.size() == capacity) entries.removeFirst();
        entries.addLast(new Entry(seq, frame));
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
