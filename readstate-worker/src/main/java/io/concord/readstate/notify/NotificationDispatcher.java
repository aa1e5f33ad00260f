package io.concord.readstate.notify;

import io.concord.common.notify.DeviceRepository;
import io.concord.common.notify.NotificationQueue;
import io.concord.common.notify.NotificationQueue.Pending;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due notifications: claims them in PostgreSQL (the claim is the row's next attempt moved
 * to now + claim, so a crashed dispatcher's deliveries become due again), POSTs each, then deletes
 * the row (2xx, or given up), reschedules it with exponential backoff (5xx, 429, network error) or
 * removes the device (404/410: the push subscription is gone).
 */
final class NotificationDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int BATCH = 50;
    private final NotificationQueue queue;
    private final DeviceRepository devices;
    private final PushSender sender;
    private final NotifyConfig config;
    private final Clock clock;
    private final Counter outcomes;
    private volatile boolean running = true;
    private final Thread loop;

    NotificationDispatcher(NotificationQueue queue, DeviceRepository devices, PushSender sender, NotifyConfig config, Clock clock,
                           PrometheusRegistry registry) {
        this.queue = queue;
        this.devices = devices;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
        this.outcomes = Counter.builder().name("notify_deliveries_total")
                .help("Notification delivery attempts by provider and outcome (delivered, retry, gave_up, device_gone)")
                .labelNames("provider", "outcome").register(registry);
        this.loop = Thread.ofVirtual().name("notify-dispatcher").unstarted(this::run);
    }

    void start() {
        loop.start();
    }

    private void run() {
        while (running) {
            try {
                if (runOnce() == 0) Thread.sleep(config.poll());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("notification dispatch failed, retrying", e);
                try {
                    Thread.sleep(config.poll());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** One claim-and-deliver round; the number of deliveries attempted. */
    int runOnce() throws InterruptedException {
        Instant now = clock.instant();
        List<Pending> due = queue.claimDue(now, now.plus(config.claim()), BATCH);
        for (Pending p : due) {
            if (!running) return due.size(); // unfinished claims expire and are retried
            deliver(p);
        }
        return due.size();
    }

    private void deliver(Pending p) throws InterruptedException {
        int status;
        try {
            status = sender.send(p.device(), p.payload());
        } catch (java.io.IOException | RuntimeException e) {
            log.debug("notification to device {} failed: {}", p.device().id(), e.toString());
            status = -1;
        }
        String provider = p.device().provider();
        if (status >= 200 && status < 300) {
            queue.done(p.device().id(), p.messageId());
            outcomes.labelValues(provider, "delivered").inc();
        } else if (status == 404 || status == 410) {
            devices.removeById(p.device().id()); // cascades to its queued notifications
            outcomes.labelValues(provider, "device_gone").inc();
            log.info("device {} of user {} removed: push service answered {}", p.device().id(), p.device().userId(), status);
        } else if (p.attempts() >= config.maxAttempts() || (status >= 400 && status < 500 && status != 408 && status != 429)) {
            queue.done(p.device().id(), p.messageId()); // permanent refusal, or out of attempts
            outcomes.labelValues(provider, "gave_up").inc();
            log.info("notification of message {} to device {} dropped after {} attempts (last status {})", p.messageId(),
                    p.device().id(), p.attempts(), status);
        } else {
            queue.retryAt(p.device().id(), p.messageId(), clock.instant().plus(config.backoff(p.attempts())));
            outcomes.labelValues(provider, "retry").inc();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        loop.interrupt();
        loop.join(5_000);
    }
}
