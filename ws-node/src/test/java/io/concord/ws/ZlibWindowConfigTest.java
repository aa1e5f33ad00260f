package io.concord.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.concord.common.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZlibWindowConfigTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void theZlibWindowDefaultsToFourKilobytes() {
        assertThat(WsConfig.fromEnv(Map.of("TOKEN_SECRET", SECRET)).zlibWindowBits()).isEqualTo(12);
    }

    @Test
    void aZlibWindowCanBeSetWithinZlibsRange() {
        assertThat(WsConfig.fromEnv(Map.of("TOKEN_SECRET", SECRET, "WS_ZLIB_WINDOW_BITS", "15")).zlibWindowBits()).isEqualTo(15);
    }

    @Test
    void aZlibWindowOutsideNineToFifteenBitsIsRefused() {
        for (String bits : new String[] {"8", "16"}) {
            ConfigException e = catchThrowableOfType(ConfigException.class,
                    () -> WsConfig.fromEnv(Map.of("TOKEN_SECRET", SECRET, "WS_ZLIB_WINDOW_BITS", bits)));
            assertThat(e).as("WS_ZLIB_WINDOW_BITS=%s", bits).isNotNull();
            assertThat(String.join("\n", e.problems())).contains("WS_ZLIB_WINDOW_BITS");
        }
    }
}
