package io.concord.ws.compress;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.Deflater;

/**
 * One connection's zlib-stream: a zlib header before the first frame, then each payload deflated
 * and ended with a sync flush ({@code 00 00 FF FF}), as Discord's {@code compress=zlib-stream}.
 * A standard inflater with the default window, fed the frames in order, reads them back.
 *
 * <p>Back-references reach {@code window} bytes into earlier frames (up to zlib's 32 KB inside one
 * frame), so the header announces the standard 32 KB window. The caller sends one frame at a time
 * in order (the session's outbox does); the lock only keeps {@link #close} from racing a frame.
 */
public final class ZlibStream implements AutoCloseable {
    /** CMF 0x78 (deflate, 32 KB window), FLG 0x9C (default level, no dictionary, valid check bits). */
    private static final byte[] HEADER = {0x78, (byte) 0x9C};
    private final ZlibStreams engines;
    private final int window;
    private final ReentrantLock lock = new ReentrantLock();
    private byte[] history;
    private int historyLength;
    private boolean started;
    private boolean closed;

    ZlibStream(ZlibStreams engines, int window) {
        this.engines = engines;
        this.window = window;
    }

    /** The next binary frame carrying {@code payload}; empty once the stream is closed. */
    public Optional<byte[]> frame(byte[] payload) {
        lock.lock();
        try {
            if (closed) return Optional.empty();
            byte[] out = deflate(payload, started ? 0 : HEADER.length);
            if (!started) {
                System.arraycopy(HEADER, 0, out, 0, HEADER.length);
                started = true;
            }
            remember(payload);
            return Optional.of(out);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of history this stream holds between frames. */
    public int retainedBytes() {
        lock.lock();
        try {
            return history == null ? 0 : history.length;
        } finally {
            lock.unlock();
        }
    }

    /** Frees the history; later frames are refused. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            history = null;
            historyLength = 0;
        } finally {
            lock.unlock();
        }
    }

    private byte[] deflate(byte[] payload, int offset) {
        Deflater d = engines.borrow();
        try {
            if (historyLength > 0) d.setDictionary(history, 0, historyLength);
            d.setInput(payload);
            byte[] out = new byte[offset + payload.length / 2 + 64];
            int length = offset;
            while (true) {
                int space = out.length - length;
                int n = d.deflate(out, length, space, Deflater.SYNC_FLUSH);
                length += n;
                // A flush that filled the buffer may have more to write (Deflater#deflate's contract).
                if (n < space) break;
                out = Arrays.copyOf(out, out.length * 2);
            }
            return Arrays.copyOf(out, length);
        } finally {
            engines.giveBack(d);
        }
    }

    /** Keeps the last {@code window} bytes of everything sent, the dictionary of the next frame. */
    private void remember(byte[] payload) {
        if (history == null) history = new byte[window];
        if (payload.length >= window) {
            System.arraycopy(payload, payload.length - window, history, 0, window);
            historyLength = window;
            return;
        }
        int keep = Math.min(historyLength, window - payload.length);
        System.arraycopy(history, historyLength - keep, history, 0, keep);
        System.arraycopy(payload, 0, history, keep, payload.length);
        historyLength = keep + payload.length;
    }
}
