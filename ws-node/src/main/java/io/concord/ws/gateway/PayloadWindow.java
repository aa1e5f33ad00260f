package io.concord.ws.gateway;

/**
 * Discord's gateway send limit for one connection: {@value #LIMIT} client payloads per
 * {@value #WINDOW_MS} ms, counted in fixed windows that start at the first payload after the last
 * window ended (JDA counts the same way and stays at 115 plus heartbeats). Driven by the injected clock.
 */
final class PayloadWindow {
    static final int LIMIT = 120;
    static final long WINDOW_MS = 60_000;
    private long start;
    private int count;
    private boolean started;

    /** Counts one payload; false once the window holds more than the limit. */
    synchronized boolean admit(long nowMs) {
        if (!started || nowMs - start >= WINDOW_MS) {
            started = true;
            start = nowMs;
            count = 0;
        }
        return ++count <= LIMIT;
    }
}
