package io.concord.ws.session;

import java.util.function.Consumer;

/** The socket under a session, kept behind an interface so the outbox can be tested without Jetty. */
public interface FrameSink {
    /**
     * Sends one gateway payload: a text frame, or a binary zlib-stream frame when the connection asked
     * for {@code compress=zlib-stream}. Exactly one of the callbacks runs when the write is done.
     */
    void send(String frame, Runnable sent, Consumer<Throwable> failed);

    void close(int code, String reason);
}
