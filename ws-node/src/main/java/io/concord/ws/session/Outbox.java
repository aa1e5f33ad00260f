package io.concord.ws.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session's outgoing frames, written one at a time in the order they were queued. Jetty must never
 * see two concurrent sends on one socket, and a thread per session would not scale, so the callback
 * of each completed write pulls the next frame.
 *
 * <p>Until the session is READY the outbox is held: dispatches relayed meanwhile wait, unnumbered,
 * behind READY and the GUILD_CREATEs, so READY is always {@code s = 1}.
 *
 * <p>What waits (queued and held, not the one frame in flight) is bounded in bytes, counted as the
 * frames' {@code length()}: our JSON is ASCII, which a String stores in one byte per char. A consumer
 * that falls further behind is cut off: the queue is dropped at once and the {@link Watcher} is told,
 * which closes the socket with a resumable code, so the client catches up by RESUME instead of the
 * node buffering for it.
 */
public final class Outbox {
    /** Told about writes and overflows; called outside the outbox's lock. */
    public interface Watcher {
        Watcher NONE = new Watcher() {
            @Override
            public void sent(int bytes) {}

            @Override
            public void overflowed(long queuedBytes) {}
        };

        void sent(int bytes);

        /** The queue went over its bound and was dropped; the outbox is closed. */
        void overflowed(long queuedBytes);
    }

    private final FrameSink sink;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final ReplayBuffer replay;
    private final List<Dispatch> held = new ArrayList<>();
    private boolean holding = true;
    private boolean sending;
    private boolean closed;
    /** Resume support: the socket is gone but the session is resumable, so dispatches are numbered and kept, not sent. */
    private boolean detached;
    private long seq;
    private long queuedBytes;
    private long maxQueuedBytes = Long.MAX_VALUE;
    private volatile Watcher watcher = Watcher.NONE;

    public Outbox(FrameSink sink, int replayCapacity) {
        this.sink = sink;
        this.replay = new ReplayBuffer(replayCapacity);
    }

    /** Bounds what may wait to be written; set before the socket opens. */
    public void bound(long maxQueuedBytes, Watcher watcher) {
        lock.lock();
        try {
            this.maxQueuedBytes = maxQueuedBytes;
            this.watcher = watcher;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes waiting to be written (queued and held). */
    public long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** A frame outside the sequence (HELLO, heartbeat ACK, invalid session). */
    public void control(String frame) {
        long overflow;
        lock.lock();
        try {
            if (closed || detached) return;
            queue.addLast(frame);
            queuedBytes += frame.length();
            overflow = overflowIfOverBound();
        } finally {
            lock.unlock();
        }
        overflowOrPump(overflow);
    }

    /** Numbers the dispatch and queues it; returns false when it was dropped (closed) or held. */
    public boolean dispatch(Dispatch d) {
        long overflow;
        lock.lock();
        try {
            if (closed) return false;
            if (holding) {
                held.add(d);
                queuedBytes += d.payload().length();
                overflow = overflowIfOverBound();
                if (overflow < 0) return false;
            } else {
                enqueue(d);
                overflow = overflowIfOverBound();
            }
        } finally {
            lock.unlock();
        }
        if (overflow >= 0) {
            watcher.overflowed(overflow);
            return false;
        }
        pump();
        return true;
    }

    /** Sends {@code first} (READY, GUILD_CREATE...), then whatever was held, and stops holding. */
    public void release(List<Dispatch> first) {
        long overflow;
        lock.lock();
        try {
            if (closed) return;
            held.forEach(d -> queuedBytes -= d.payload().length());
            // The opening burst (READY and the GUILD_CREATEs, per-session payloads that dwarf an idle
            // session's other state) is not kept for replay: a client that missed part of it
            // identifies again, as a resume that asks for it gets op 9.
            boolean opening = seq == 0;
            first.forEach(d -> enqueue(d, !opening));
            held.forEach(d -> enqueue(d, true));
            held.clear();
            holding = false;
            overflow = overflowIfOverBound();
        } finally {
            lock.unlock();
        }
        overflowOrPump(overflow);
    }

    public void close() {
        lock.lock();
        try {
            drop();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: past the bound, drops everything and returns what was queued; else -1. */
    private long overflowIfOverBound() {
        if (queuedBytes <= maxQueuedBytes) return -1;
        long was = queuedBytes;
        drop();
        return was;
    }

    private void drop() {
        closed = true;
        queue.clear();
        held.clear();
        queuedBytes = 0;
    }

    public long lastSeq() {
        lock.lock();
        try {
            return seq;
        } finally {
            lock.unlock();
        }
    }

    /** Dispatch frames after {@code afterSeq}, if the buffer still holds all of them. */
    public Optional<List<String>> replayAfter(long afterSeq) {
        lock.lock();
        try {
            return replay.after(afterSeq);
        } finally {
            lock.unlock();
        }
    }

    /** Resume support: stops writing to the socket; later dispatches are still numbered into the replay buffer. */
    public void detach() {
        lock.lock();
        try {
            detached = true;
            queue.clear();
            queuedBytes = 0;
        } finally {
            lock.unlock();
        }
    }

    /** Resume support: the numbered dispatches after {@code afterSeq}, if the buffer still holds all of them. */
    public Optional<List<ReplayBuffer.Entry>> entriesAfter(long afterSeq) {
        lock.lock();
        try {
            return afterSeq > seq ? Optional.empty() : replay.entriesAfter(afterSeq);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Resume support: continues another connection's numbering. The replayed frames (already numbered,
     * at most {@code lastSeq}) are queued and kept at once; the next dispatch gets {@code lastSeq + 1}.
     */
    public void continueFrom(long lastSeq, List<ReplayBuffer.Entry> replayed) {
        lock.lock();
        try {
            if (closed) return;
            seq = lastSeq;
            for (ReplayBuffer.Entry e : replayed) {
                String frame = e.frame();
                replay.add(e.seq(), e.dispatch());
                queue.addLast(frame);
                queuedBytes += frame.length();
            }
        } finally {
            lock.unlock();
        }
        pump();
    }

    private void enqueue(Dispatch d) {
        enqueue(d, true);
    }

    private void enqueue(Dispatch d, boolean replayable) {
        String frame = Frames.dispatch(d.type(), ++seq, d.payload());
        if (replayable) replay.add(seq, d);
        if (!detached) {
            queue.addLast(frame);
            queuedBytes += frame.length();
        }
    }

    /** After queueing: a queue past its bound is reported (and the session closed), else writing goes on. */
    private void overflowOrPump(long overflow) {
        if (overflow >= 0) {
            watcher.overflowed(overflow);
            return;
        }
        pump();
    }

    private void pump() {
        while (true) {
            String frame;
            lock.lock();
            try {
                if (sending || closed || detached) return;
                frame = queue.pollFirst();
                if (frame == null) return;
                queuedBytes -= frame.length();
                sending = true;
            } finally {
                lock.unlock();
            }
            Write write = new Write(frame.length());
            sink.send(frame, write::sent, write::failed);
            // A write that completed inside send() continues here, so a long queue never deepens the stack.
            if (!write.returned()) return;
        }
    }

    /** Tells whether a write completed before or after {@code send} returned. */
    private final class Write {
        private static final int PENDING = 0, RETURNED = 1, DONE = 2;
        private final AtomicInteger state = new AtomicInteger(PENDING);
        private final int bytes;

        Write(int bytes) {
            this.bytes = bytes;
        }

        void sent() {
            Watcher w;
            lock.lock();
            try {
                sending = false;
                w = watcher;
            } finally {
                lock.unlock();
            }
            w.sent(bytes);
            if (!state.compareAndSet(PENDING, DONE)) pump();
        }

        void failed(Throwable cause) {
            close();
            lock.lock();
            try {
                sending = false;
            } finally {
                lock.unlock();
            }
        }

        /** True when the write is already done and the caller should go on pumping. */
        boolean returned() {
            return !state.compareAndSet(PENDING, RETURNED);
        }
    }
}
