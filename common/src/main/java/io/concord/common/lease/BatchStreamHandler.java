package io.concord.common.lease;

/**
 * A handler that makes the effects of a read batch durable together: {@link #handle} buffers (or
 * applies idempotent effects), {@link #flush} makes everything handled since the last flush durable;
 * the loop acknowledges the batch's entries only after flush returns.
 */
public interface BatchStreamHandler extends StreamHandler {
    void flush(int partition);

    /** At most this many entries per flush. */
    default int batchSize() {
        return 100;
    }

    /**
     * How long a batch may keep reading new entries after its first read before it is flushed; zero
     * (the default) flushes after every read of up to {@link #batchSize} entries.
     */
    default java.time.Duration batchLatency() {
        return java.time.Duration.ZERO;
    }
}
