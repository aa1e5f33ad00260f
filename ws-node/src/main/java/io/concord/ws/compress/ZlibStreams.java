package io.concord.ws.compress;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.Deflater;

/**
 * Opens the zlib-stream of each compressed connection, and pools the deflate engines they borrow.
 *
 * <p>A {@link Deflater} costs about 256 KB of native memory (zlib's default window and memLevel,
 * which the JDK does not let us lower), far too much to keep one per socket at ~19k sockets. Yet
 * between two frames a zlib stream that ends each frame with a sync flush is byte-aligned and needs
 * nothing but its recent history: a fresh raw deflater primed with that history as its dictionary
 * continues the very same stream. So each connection keeps only its last {@code 2^windowBits} bytes
 * of uncompressed output, and the engines are shared: their number follows the compressions running
 * at one instant, not the sockets.
 */
public final class ZlibStreams implements AutoCloseable {
    public static final int MIN_WINDOW_BITS = 9;
    public static final int MAX_WINDOW_BITS = 15;
    private final int windowBits;
    private final int level;
    private final BlockingQueue<Deflater> idle;

    public ZlibStreams(int windowBits) {
        this(windowBits, Deflater.DEFAULT_COMPRESSION, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    }

    ZlibStreams(int windowBits, int level, int maxIdleEngines) {
        if (windowBits < MIN_WINDOW_BITS || windowBits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("zlib window bits must be " + MIN_WINDOW_BITS + ".." + MAX_WINDOW_BITS + ": " + windowBits);
        }
        this.windowBits = windowBits;
        this.level = level;
        this.idle = new ArrayBlockingQueue<>(maxIdleEngines);
    }

    /** A new connection's stream; it holds no memory until its first frame. */
    public ZlibStream open() {
        return new ZlibStream(this, 1 << windowBits);
    }

    /** Engines parked for reuse; bounded whatever the number of streams. */
    public int idleEngines() {
        return idle.size();
    }

    Deflater borrow() {
        Deflater d = idle.poll();
        return d != null ? d : new Deflater(level, true);
    }

    void giveBack(Deflater d) {
        d.reset();
        if (!idle.offer(d)) d.end();
    }

    @Override
    public void close() {
        for (Deflater d; (d = idle.poll()) != null; ) d.end();
    }
}
