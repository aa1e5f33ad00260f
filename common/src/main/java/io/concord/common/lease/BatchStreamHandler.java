package io.concord.common.lease;

/**
 * A handler that makes the effects of a read batch durable together: {@link #handle} buffers (or
 * applies idempotent effects), {@link #flush} makes everything handled since the last flush durable;
 * the loop acknowledges the batch's entries only after flush returns.
 */
public interface BatchStreamHandler extends StreamHandler {
    void flush(int partition);
}
