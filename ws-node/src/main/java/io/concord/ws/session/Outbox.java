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
 */
public final class Outbox {
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

    public Outbox(FrameSink sink, int replayCapacity) {
        this.sink = sink;
        this.replay = new ReplayBuffer(replayCapacity);
    }

    /** A frame outside the sequence (HELLO, heartbeat ACK, invalid session). */
    public void control(String frame) {
        lock.lock();
        try {
            if (closed || detached) return;
            queue.addLast(frame);
        } finally {
            lock.unlock();
        }
        pump();
    }

    /** Numbers the dispatch and queues it; returns false when it was dropped (closed) or held. */
    public boolean dispatch(Dispatch d) {
        lock.lock();
        try {
            if (closed) return false;
            if (holding) {
                held.add(d);
                return false;
            }
            enqueue(d);
        } finally {
            lock.unlock();
        }
        pump();
        return true;
    }

    /** Sends {@code first} (READY, GUILD_CREATE...), then whatever was held, and stops holding. */
    public void release(List<Dispatch> first) {
        lock.lock();
        try {
            if (closed) return;
            first.forEach(this::enqueue);
            held.forEach(this::enqueue);
            held.clear();
            holding = false;
        } finally {
            lock.unlock();
        }
        pump();
    }

    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            held.clear();
        } finally {
            lock.unlock();
        }
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
                replay.add(e.seq(), e.frame());
                queue.addLast(e.frame());
            }
        } finally {
            lock.unlock();
        }
        pump();
    }

    private void enqueue(Dispatch d) {
        String frame = Frames.dispatch(d.type(), ++seq, d.payload());
        replay.add(seq, frame);
        if (!detached) queue.addLast(frame);
    }

    private void pump() {
        while (true) {
            String frame;
            lock.lock();
            try {
                if (sending || closed || detached) return;
                frame = queue.pollFirst();
                if (frame == null) return;
                sending = true;
            } finally {
                lock.unlock();
            }
            Write write = new Write();
            sink.send(frame, write::sent, write::failed);
            // A write that completed inside send() continues here, so a long queue never deepens the stack.
            if (!write.returned()) return;
        }
    }

    /** Tells whether a write completed before or after {@code send} returned. */
    private final class Write {
        private static final int PENDING = 0, RETURNED = 1, DONE = 2;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        void sent() {
            lock.lock();
            try {
                sending = false;
            } finally {
                lock.unlock();
            }
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
