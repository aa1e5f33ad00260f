package io.concord.readstate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concord.common.notify.WebPushCrypto;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyConfigTest {
    @Test
    void backoffDoublesFromTheBaseUpToTheCap() {
        NotifyConfig c = NotifyConfig.fromEnv(Map.of("NOTIFY_BACKOFF_MS", "1000", "NOTIFY_BACKOFF_MAX_MS", "5000"));
        assertThat(c.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.backoff(60)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aConfiguredVapidPairIsUsedAndAMismatchedOneRefused() {
        WebPushCrypto.VapidKeys keys = WebPushCrypto.generateVapidKeys();
        NotifyConfig c = NotifyConfig.fromEnv(Map.of("VAPID_PUBLIC_KEY", keys.publicKey(), "VAPID_PRIVATE_KEY", keys.privateKey()));
        assertThat(c.vapid()).isEqualTo(keys);
        WebPushCrypto.VapidKeys other = WebPushCrypto.generateVapidKeys();
        assertThatThrownBy(() -> NotifyConfig.fromEnv(Map.of("VAPID_PUBLIC_KEY", other.publicKey(), "VAPID_PRIVATE_KEY", keys.privateKey())))
                .hasMessageContaining("VAPID_PRIVATE_KEY");
        assertThatThrownBy(() -> NotifyConfig.fromEnv(Map.of("VAPID_PUBLIC_KEY", keys.publicKey())))
                .hasMessageContaining("VAPID_PRIVATE_KEY");
    }
}
