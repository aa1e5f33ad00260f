package io.concord.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.concord.common.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WsConfigTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void defaultsApplyWhenOnlyTheSecretIsGiven() {
        WsConfig config = WsConfig.fromEnv(Map.of("TOKEN_SECRET", SECRET));
        assertThat(config.nodeId()).isEqualTo(2);
        assertThat(config.bindHost()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.publicUrl(8081)).isEqualTo("ws://127.0.0.1:8081");
        assertThat(config.adminPort()).isEqualTo(9092);
        assertThat(config.maxSessions()).isEqualTo(19_000);
        assertThat(config.heartbeatIntervalMs()).isEqualTo(41_250);
        assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofSeconds(900));
        assertThat(config.toString()).doesNotContain(SECRET);
    }

    @Test
    void anExplicitPublicUrlWins() {
        WsConfig config = WsConfig.fromEnv(Map.of("TOKEN_SECRET", SECRET, "WS_PUBLIC_URL", "wss://gw.example.test", "WS_PORT", "0"));
        assertThat(config.publicUrl(4321)).isEqualTo("wss://gw.example.test");
    }

    @Test
    void everyProblemIsListedInOneError() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> WsConfig.fromEnv(Map.of(
                "NODE_ID", "1024", "WS_PORT", "http", "WS_PUBLIC_URL", "http://x", "TOKEN_SECRET", "short")));
        assertThat(e.problems()).hasSize(4);
        assertThat(String.join("\n", e.problems())).contains("NODE_ID", "WS_PORT", "WS_PUBLIC_URL", "TOKEN_SECRET");
    }

    @Test
    void theSecretIsRequired() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> WsConfig.fromEnv(Map.of()));
        assertThat(e.problems()).containsExactly("TOKEN_SECRET is required");
    }
}
