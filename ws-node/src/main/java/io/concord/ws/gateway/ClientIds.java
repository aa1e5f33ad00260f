package io.concord.ws.gateway;

import io.concord.common.id.Snowflakes;
import java.math.BigInteger;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * Snowflakes in client payloads arrive as strings or as JSON numbers (JDA sends op 8's
 * {@code guild_id} as a number), so both are read as 64-bit unsigned values.
 */
public final class ClientIds {
    private static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ClientIds() {}

    public static OptionalLong parse(JsonNode node) {
        if (node == null) return OptionalLong.empty();
        if (node.isString()) return Snowflakes.parse(node.stringValue());
        if (node.isIntegralNumber()) {
            BigInteger v = node.bigIntegerValue();
            if (v.signum() <= 0 || v.compareTo(MAX_UNSIGNED) > 0) return OptionalLong.empty();
            return OptionalLong.of(v.longValue());
        }
        return OptionalLong.empty();
    }
}
