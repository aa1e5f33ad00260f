package io.concord.ws;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The ws-node process writes its log lines from one thread. The JSON encoder keeps a formatter with
 * ~16 KB of buffers per thread that logs, released only once that thread is collected and a later
 * line is logged, and Jackson keeps the released buffers in a pool that never shrinks. Gateway
 * handlers run on a new virtual thread each, and IDENTIFY logs a line, so after a connect burst the
 * node held up to about a kilobyte of encoder buffers per session (ops/bench/run-memory.sh, see
 * docs/benchmarks.md). Behind one {@link AsyncAppender} only its worker thread encodes.
 *
 * <p>Nothing is dropped: the queue never discards and a full queue makes the caller wait, as the
 * console's own lock did. The MDC and the message are captured when the line is logged.
 * {@link #flush} (on the way out) puts the console back in front and writes what was still queued.
 * Only the process entry point installs it; tests keep their synchronous logging.
 */
final class AsyncConsole {
    private static final int QUEUE_SIZE = 8192;
    private static final int MAX_FLUSH_MS = 5000;

    private record Installed(Logger root, List<Appender<ILoggingEvent>> direct, AsyncAppender async) {}

    private static Installed installed;

    private AsyncConsole() {}

    /** Moves the root logger's appenders behind one asynchronous appender. */
    static synchronized void install() {
        if (installed != null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> direct = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(direct::add);
        if (direct.isEmpty()) return;
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("async-console");
        async.setQueueSize(QUEUE_SIZE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.setMaxFlushTime(MAX_FLUSH_MS);
        // Forwarders, so that stopping the async appender (which stops what it holds) leaves the console running.
        for (Appender<ILoggingEvent> a : direct) async.addAppender(new Forward(context, a));
        async.start();
        root.addAppender(async);
        direct.forEach(root::detachAppender);
        installed = new Installed(root, direct, async);
    }

    /** Logs synchronously again from now on, after writing everything still queued (waits up to a few seconds). */
    static synchronized void flush() {
        Installed i = installed;
        if (i == null) return;
        installed = null;
        i.direct().forEach(i.root()::addAppender);
        i.root().detachAppender(i.async());
        i.async().stop();
    }

    /** Hands each event to an appender it does not own. */
    private static final class Forward extends UnsynchronizedAppenderBase<ILoggingEvent> {
        private final Appender<ILoggingEvent> target;

        Forward(LoggerContext context, Appender<ILoggingEvent> target) {
            this.target = target;
            setContext(context);
            setName("forward-" + target.getName());
            start();
        }

        @Override
        protected void append(ILoggingEvent event) {
            target.doAppend(event);
        }
    }
}
