package io.concord.readstate.notify;

import io.concord.common.config.Env;
import io.concord.common.notify.WebPushCrypto;
import io.concord.common.notify.WebPushCrypto.VapidKeys;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings of the notification path (environment variables, see docs/operator-guide.md).
 *
 * @param delay         how long a notification waits before its first attempt (an ack in that time cancels it)
 * @param maxAttempts   attempts per device and message before it is dropped
 * @param backoffBase   the wait after the first failed attempt; doubled after each further one
 * @param backoffMax    the longest wait between attempts
 * @param claim         how long a claimed delivery is held before another attempt may take it (a crashed dispatcher's claim expires)
 * @param poll          how often the dispatcher looks for due notifications
 * @param httpTimeout   the timeout of one POST to a push service or webhook
 * @param maxBroadcastCandidates members with devices considered for one @everyone/@role mention
 */
public record NotifyConfig(boolean enabled, VapidKeys vapid, String vapidSubject, Duration delay, int maxAttempts, Duration backoffBase,
                           Duration backoffMax, Duration claim, Duration poll, Duration httpTimeout, int maxBroadcastCandidates) {
    private static final Logger log = LoggerFactory.getLogger(NotifyConfig.class);

    public static NotifyConfig fromEnv(Map<String, String> environment) {
        Env env = new Env(environment);
        boolean enabled = !"false".equalsIgnoreCase(env.string("NOTIFY_ENABLED", "true"));
        String pub = env.string("VAPID_PUBLIC_KEY", "");
        String priv = env.string("VAPID_PRIVATE_KEY", "");
        VapidKeys keys;
        if (pub.isEmpty() && priv.isEmpty()) {
            keys = WebPushCrypto.generateVapidKeys();
            log.warn("VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY not set: using an ephemeral VAPID key pair (subscriptions made "
                    + "against another key will be refused by push services); public key {}", keys.publicKey());
        } else {
            keys = new VapidKeys(pub, priv);
            try {
                WebPushCrypto.validate(keys);
            } catch (IllegalArgumentException e) {
                env.reject("VAPID_PRIVATE_KEY", e.getMessage());
            }
        }
        NotifyConfig config = new NotifyConfig(enabled, keys, env.string("VAPID_SUBJECT", "mailto:ops@concord.invalid"),
                Duration.ofMillis(env.longValue("NOTIFY_DELAY_MS", 5_000, 0, 3_600_000)),
                env.integer("NOTIFY_MAX_ATTEMPTS", 6, 1, 50),
                Duration.ofMillis(env.longValue("NOTIFY_BACKOFF_MS", 2_000, 10, 3_600_000)),
                Duration.ofMillis(env.longValue("NOTIFY_BACKOFF_MAX_MS", 600_000, 10, 86_400_000)),
                Duration.ofMillis(env.longValue("NOTIFY_CLAIM_MS", 60_000, 1_000, 3_600_000)),
                Duration.ofMillis(env.longValue("NOTIFY_POLL_MS", 500, 10, 60_000)),
                Duration.ofMillis(env.longValue("NOTIFY_HTTP_TIMEOUT_MS", 10_000, 100, 120_000)),
                env.integer("NOTIFY_MAX_BROADCAST_CANDIDATES", 10_000, 0, 1_000_000));
        env.validate();
        return config;
    }

    /** The wait after the {@code attempts}-th failed attempt: base * 2^(attempts-1), at most {@link #backoffMax}. */
    public Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 30);
        long ms = backoffBase.toMillis() > Long.MAX_VALUE / factor ? Long.MAX_VALUE : backoffBase.toMillis() * factor;
        return Duration.ofMillis(Math.min(ms, backoffMax.toMillis()));
    }
}
