package io.concord.ws.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.concord.common.json.Json;
import org.junit.jupiter.api.Test;

class ClientPayloadTest {
    @Test
    void snowflakesAreReadFromStringsAndFromNumbersAsSixtyFourBits() {
        assertThat(ClientIds.parse(Json.parse("\"200000000000000001\""))).hasValue(200000000000000001L);
        assertThat(ClientIds.parse(Json.parse("200000000000000001"))).hasValue(200000000000000001L);
        assertThat(ClientIds.parse(Json.parse("18446744073709551615"))).hasValue(-1L);
        assertThat(ClientIds.parse(Json.parse("18446744073709551616"))).isEmpty();
        assertThat(ClientIds.parse(Json.parse("-5"))).isEmpty();
        assertThat(ClientIds.parse(Json.parse("1.5"))).isEmpty();
        assertThat(ClientIds.parse(Json.parse("\"abc\""))).isEmpty();
    }

    @Test
    void aFrameWithoutDHasANullD() {
        ClientFrame frame = ClientFrame.decode("{\"op\":1}");
        assertThat(frame.op()).isEqualTo(1);
        assertThat(frame.d().isNull()).isTrue();
    }

    @Test
    void multiByteTextIsMeasuredInUtf8Bytes() {
        String under = "{\"op\":1,\"d\":\"" + "é".repeat(2000) + "\"}";
        String over = "{\"op\":1,\"d\":\"" + "é".repeat(2100) + "\"}";
        assertThat(ClientFrame.decode(under).op()).isEqualTo(1);
        assertThat(catchThrowableOfType(GatewayClose.class, () -> ClientFrame.decode(over)).code()).isEqualTo(4002);
    }

    @Test
    void largeThresholdIsClampedAndIntentsAreOptional() {
        Identify identify = Identify.parse(Json.parse("{\"token\":\"t\",\"large_threshold\":1000}"));
        assertThat(identify.largeThreshold()).isEqualTo(250);
        assertThat(identify.intents().declared()).isFalse();
        assertThat(Identify.parse(Json.parse("{\"token\":\"t\",\"large_threshold\":1}")).largeThreshold()).isEqualTo(50);
        assertThat(Identify.parse(Json.parse("{\"token\":\"t\",\"intents\":34307}")).intents().bits()).isEqualTo(34307);
    }
}
