package io.concord.ws.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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
 *
 * <p>State is guarded by the outbox's own monitor ({@code synchronized (this)}), which costs an idle
 * session nothing, unlike a lock object. It is only ever held for short in-memory steps, never across
 * a socket write or a callback (those run after it is released), so it does not pin a virtual
 * thread's carrier for long even on a JDK that pins inside {@code synchronized}. The queue and the
 * held list exist only while something waits in them: most sessions are idle most of the time.
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
    /** Frames waiting to be written, oldest first; null while none waits. */
    private ArrayDeque<String> queue;
    private final ReplayBuffer replay;
    /** Dispatches relayed before READY; null while none is held. */
    private List<Dispatch> held;
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
    public synchronized void bound(long maxQueuedBytes, Watcher watcher) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.watcher = watcher;
    }

    /** Bytes waiting to be written (queued and held). */
    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** A frame outside the sequence (HELLO, heartbeat ACK, invalid session). */
    public void control(String frame) {
        long overflow;
        synchronized (this) {
            if (closed || detached) return;
            queue().addLast(frame);
            queuedBytes += frame.length();
            overflow = overflowIfOverBound();
        }
        overflowOrPump(overflow);
    }

    /**
     * Numbers the dispatch and queues it; returns false when it was dropped (closed) or held. When
     * nothing waits and nothing is being written (an idle session, the usual case) the frame is
     * written at once, without passing through a queue.
     */
    public boolean dispatch(Dispatch d) {
        long overflow = -1;
        String direct = null;
        synchronized (this) {
            if (closed) return false;
            if (holding) {
                if (held == null) held = new ArrayList<>();
                held.add(d);
                queuedBytes += d.payload().length();
                overflow = overflowIfOverBound();
                if (overflow < 0) return false;
            } else if (!sending && !detached && (queue == null || queue.isEmpty())) {
                direct = number(d, true);
                sending = true;
            } else {
                enqueue(d);
                overflow = overflowIfOverBound();
            }
        }
        if (overflow >= 0) {
            watcher.overflowed(overflow);
            return false;
        }
        if (direct == null || write(direct)) pump();
        return true;
    }

    /** Sends {@code first} (READY, GUILD_CREATE...), then whatever was held, and stops holding. */
    public void release(List<Dispatch> first) {
        long overflow;
        synchronized (this) {
            if (closed) return;
            List<Dispatch> waiting = held == null ? List.of() : held;
            waiting.forEach(d -> queuedBytes -= d.payload().length());
            // The opening burst (READY and the GUILD_CREATEs, per-session payloads that dwarf an idle
            // session's other state) is not kept for replay: a client that missed part of it
            // identifies again, as a resume that asks for it gets op 9.
            boolean opening = seq == 0;
            first.forEach(d -> enqueue(d, !opening));
            waiting.forEach(d -> enqueue(d, true));
            held = null;
            holding = false;
            overflow = overflowIfOverBound();
        }
        overflowOrPump(overflow);
    }

    public synchronized void close() {
        drop();
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
        queue = null;
        held = null;
        queuedBytes = 0;
    }

    public synchronized long lastSeq() {
        return seq;
    }

    /** Dispatch frames after {@code afterSeq}, if the buffer still holds all of them. */
    public synchronized Optional<List<String>> replayAfter(long afterSeq) {
        return replay.after(afterSeq);
    }

    /** Resume support: stops writing to the socket; later dispatches are still numbered into the replay buffer. */
    public synchronized void detach() {
        detached = true;
        queue = null;
        queuedBytes = 0;
    }

    /** Resume support: the numbered dispatches after {@code afterSeq}, if the buffer still holds all of them. */
    public synchronized Optional<List<ReplayBuffer.Entry>> entriesAfter(long afterSeq) {
        return afterSeq > seq ? Optional.empty() : replay.entriesAfter(afterSeq);
    }

    /**
     * Resume support: continues another connection's numbering. The replayed frames (already numbered,
     * at most {@code lastSeq}) are queued and kept at once; the next dispatch gets {@code lastSeq + 1}.
     */
    public void continueFrom(long lastSeq, List<ReplayBuffer.Entry> replayed) {
        synchronized (this) {
            if (closed) return;
            seq = lastSeq;
            for (ReplayBuffer.Entry e : replayed) {
                String frame = e.frame();
                replay.add(e.seq(), e.dispatch());
                queue().addLast(frame);
                queuedBytes += frame.length();
            }
        }
        pump();
    }

    /** Under the lock: the queue, created when the first frame in a while waits. */
    private ArrayDeque<String> queue() {
        if (queue == null) queue = new ArrayDeque<>(4);
        return queue;
    }

    private void enqueue(Dispatch d) {
        enqueue(d, true);
    }

    private void enqueue(Dispatch d, boolean replayable) {
        String frame = number(d, replayable);
        if (!detached) {
            queue().addLast(frame);
            queuedBytes += frame.length();
        }
    }

    /** Under the lock: the dispatch's number and frame, kept for replay if {@code replayable}. */
    private String number(Dispatch d, boolean replayable) {
        String frame = Frames.dispatch(d.type(), ++seq, d.payload());
        if (replayable) replay.add(seq, d);
        return frame;
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
            synchronized (this) {
                if (sending || closed || detached) return;
                frame = queue == null ? null : queue.pollFirst();
                if (frame == null) {
                    // An idle session keeps no empty queue (nor the capacity a burst grew it to).
                    queue = null;
                    return;
                }
                queuedBytes -= frame.length();
                sending = true;
            }
            if (!write(frame)) return;
        }
    }

    /**
     * Writes one frame ({@code sending} already set); true when the write completed inside
     * {@code send}, so the caller goes on pumping: a long queue never deepens the stack.
     */
    private boolean write(String frame) {
        Write write = new Write(frame.length());
        sink.send(frame, write, write);
        return write.returned();
    }

    /**
     * One write's completion (both of the sink's callbacks, one object per frame), and whether it
     * completed before or after {@code send} returned.
     */
    private final class Write extends AtomicInteger implements Runnable, Consumer<Throwable> {
        private static final int PENDING = 0, RETURNED = 1, DONE = 2;
        private final int bytes;

        Write(int bytes) {
            super(PENDING);
            this.bytes = bytes;
        }

        /** Sent. */
        @Override
        public void run() {
            Watcher w;
            synchronized (Outbox.this) {
                sending = false;
                w = watcher;
            }
            w.sent(bytes);
            if (!compareAndSet(PENDING, DONE)) pump();
        }

        /** Failed. */
        @Override
        public void accept(Throwable cause) {
            close();
            synchronized (Outbox.this) {
                sending = false;
            }
        }

        /** True when the write is already done and the caller should go on pumping. */
        boolean returned() {
            return !compareAndSet(PENDING, RETURNED);
        }
    }
}
