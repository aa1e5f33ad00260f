package io.concord.ws.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One gateway connection: who it is once identified, what it asked for, which guilds it receives,
 * when it last beat, and its outbox.
 *
 * <p>A node holds tens of thousands of these, mostly idle, so the fields are plain volatiles (and a
 * VarHandle for the one compare-and-set) rather than atomic wrapper objects, and the guild set is a
 * small sorted array rather than a concurrent set.
 */
public final class GatewaySession {
    public static final int REPLAY_CAPACITY = 1000;
    private static final VarHandle CLOSING;

    static {
        try {
            CLOSING = MethodHandles.lookup().findVarHandle(GatewaySession.class, "closing", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private enum State { CONNECTED, IDENTIFYING, READY, CLOSED }

    private volatile String id = UUID.randomUUID().toString().replace("-", "");
    private final FrameSink sink;
    private final Outbox outbox;
    private volatile long lastHeartbeatMs;
    /** Set once by {@link #close} (compare-and-set through {@link #CLOSING}). */
    @SuppressWarnings("unused")
    private volatile boolean closing;
    /**
     * Guards joining and leaving guilds against a concurrent close (see SessionRegistry). It is held
     * across Redis calls, so it is separate from the monitor that guards the short state changes.
     */
    final ReentrantLock membership = new ReentrantLock();
    /**
     * The guilds this session receives, sorted, never changed in place: a change (only under
     * {@link #membership}) publishes a new array through the volatile write, so a reader without the
     * lock (the router's {@link #inGuild}) sees either the old set or the new one, never half of it,
     * as it did with the concurrent set this replaces. Sessions hold a few guilds, so copying is cheap.
     * See {@link GuildIds}.
     */
    private volatile long[] guildIds = GuildIds.NONE;
    private volatile State state = State.CONNECTED;
    private volatile long userId;
    private volatile Intents intents = Intents.UNDECLARED;
    private volatile int largeThreshold = 50;

    public GatewaySession(FrameSink sink, long nowMs) {
        this.sink = sink;
        this.outbox = new Outbox(sink, REPLAY_CAPACITY);
        this.lastHeartbeatMs = nowMs;
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
        return GuildIds.contains(guildIds, guildId);
    }

    public Set<Long> guilds() {
        return GuildIds.asSet(guildIds);
    }

    /**
     * The guild ids as they are now: sorted, and never changed in place (a change replaces the
     * array), so a caller may keep it to tell later whether the guilds changed. Do not modify it.
     */
    public long[] guildIdArray() {
        return guildIds;
    }

    /** Under {@link #membership}: adds guilds; false if the session already had all of them. */
    boolean addGuildIds(Collection<Long> more) {
        long[] ids = guildIds;
        long[] next = GuildIds.with(ids, more);
        guildIds = next;
        return next != ids;
    }

    /** Under {@link #membership}: removes every guild at once (a session in thousands, e.g. a bot, copies once); returns them. */
    Set<Long> takeGuildIds() {
        Set<Long> all = GuildIds.asSet(guildIds);
        guildIds = GuildIds.NONE;
        return all;
    }

    /** Under {@link #membership}: removes a guild; false if the session did not have it. */
    boolean removeGuildId(long guildId) {
        long[] ids = guildIds;
        long[] next = GuildIds.without(ids, guildId);
        guildIds = next;
        return next != ids;
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
        lastHeartbeatMs = nowMs;
    }

    public long lastHeartbeatMs() {
        return lastHeartbeatMs;
    }

    public boolean dispatch(Dispatch d) {
        return outbox.dispatch(d);
    }

    public void send(String controlFrame) {
        outbox.control(controlFrame);
    }

    /** Closes the socket once; later calls (and frames) are ignored. */
    public void close(int code, String reason) {
        if (!CLOSING.compareAndSet(this, false, true)) return;
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
