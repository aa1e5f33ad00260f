package io.concord.ws.gateway;

import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.SessionRegistry;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes sessions that stopped beating with 4009 (resumable). One scan per second over all
 * sessions on a shared scheduler costs far less than a timer per session.
 */
public final class HeartbeatMonitor implements AutoCloseable {
    /** Slack for network jitter on top of the interval the client was told, as Discord allows. */
    public static final long GRACE_MS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(HeartbeatMonitor.class);
    private final SessionRegistry sessions;
    private final Clock clock;
    private final long timeoutMs;
    private final ScheduledFuture<?> task;

    public HeartbeatMonitor(SessionRegistry sessions, Clock clock, long heartbeatIntervalMs, ScheduledExecutorService scheduler) {
        this.sessions = sessions;
        this.clock = clock;
        this.timeoutMs = heartbeatIntervalMs + GRACE_MS;
        this.task = scheduler.scheduleWithFixedDelay(this::scan, 1, 1, TimeUnit.SECONDS);
    }

    void scan() {
        try {
            long now = clock.millis();
            for (GatewaySession s : sessions.all()) {
                if (now - s.lastHeartbeatMs() > timeoutMs) {
                    GatewayClose close = GatewayClose.sessionTimedOut();
                    s.close(close.code(), close.reason());
                }
            }
        } catch (RuntimeException e) {
            log.error("heartbeat scan failed", e);
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
