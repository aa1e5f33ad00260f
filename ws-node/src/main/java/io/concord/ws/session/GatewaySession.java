package io.concord.ws.session;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One gateway connection: who it is once identified, what it asked for, which guilds it receives,
 * when it last beat, and its outbox.
 */
public final class GatewaySession {
    public static final int REPLAY_CAPACITY = 1000;

    private enum State { CONNECTED, IDENTIFYING, READY, CLOSED }

    private volatile String id = UUID.randomUUID().toString().replace("-", "");
    private final FrameSink sink;
    private final Outbox outbox;
    private final AtomicLong lastHeartbeatMs;
    private final AtomicBoolean closing = new AtomicBoolean();
    /**
     * Guards joining and leaving guilds against a concurrent close (see SessionRegistry). It is held
     * across Redis calls, so it is separate from the monitor that guards the short state changes.
     */
    final ReentrantLock membership = new ReentrantLock();
    final Set<Long> guildIds = ConcurrentHashMap.newKeySet();
    private volatile State state = State.CONNECTED;
    private volatile long userId;
    private volatile Intents intents = Intents.UNDECLARED;
    private volatile int largeThreshold = 50;

    public GatewaySession(FrameSink sink, long nowMs) {
        this.sink = sink;
        this.outbox = new Outbox(sink, REPLAY_CAPACITY);
        this.lastHeartbeatMs = new AtomicLong(nowMs);
    }

    public String id() {
        return id;
    }

    public Outbox outbox() {
        return outbox;
    }

    public long userId() {
        return userId;
    }

    public Intents intents() {
        return intents;
    }

    public int largeThreshold() {
        return largeThreshold;
    }

    public boolean isIdentified() {
        return state == State.IDENTIFYING || state == State.READY;
    }

    public boolean isReady() {
        return state == State.READY;
    }

    public boolean isClosed() {
        return state == State.CLOSED;
    }

    public boolean inGuild(long guildId) {
        return guildIds.contains(guildId);
    }

    public Set<Long> guilds() {
        return Set.copyOf(guildIds);
    }

    /** Moves to IDENTIFYING; false when the session already identified (or is closing). */
    public synchronized boolean beginIdentify() {
        if (state != State.CONNECTED) return false;
        state = State.IDENTIFYING;
        return true;
    }

    /** Back to CONNECTED after an IDENTIFY answered with op 9, so the client may identify again. */
    public synchronized void cancelIdentify() {
        if (state == State.IDENTIFYING) state = State.CONNECTED;
    }

    public void identified(long userId, Intents intents, int largeThreshold) {
        this.userId = userId;
        this.intents = intents;
        this.largeThreshold = largeThreshold;
    }

    /** Sends READY and the GUILD_CREATEs, then everything relayed while they were built. */
    public synchronized void ready(List<Dispatch> first) {
        if (state != State.IDENTIFYING) return;
        outbox.release(first);
        state = State.READY;
    }

    public void heartbeat(long nowMs) {
        lastHeartbeatMs.set(nowMs);
    }

    public long lastHeartbeatMs() {
        return lastHeartbeatMs.get();
    }

    public boolean dispatch(Dispatch d) {
        return outbox.dispatch(d);
    }

    public void send(String controlFrame) {
        outbox.control(controlFrame);
    }

    /** Closes the socket once; later calls (and frames) are ignored. */
    public void close(int code, String reason) {
        if (!closing.compareAndSet(false, true)) return;
        // A resumable close keeps numbering what is routed until the socket is gone (SessionRegistry#closed).
        if (isReady() && SessionRegistry.resumable(code)) outbox.detach();
        else outbox.close();
        sink.close(code, reason);
    }

    /** A resumed session carries on under the id the client resumed. */
    void resumedAs(String sessionId) {
        this.id = sessionId;
    }

    /** Called when the socket is gone; returns false if it already was. */
    synchronized boolean markClosed() {
        if (state == State.CLOSED) return false;
        state = State.CLOSED;
        outbox.close();
        return true;
    }
}
