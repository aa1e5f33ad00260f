package io.concord.ws.gateway;

import io.concord.common.json.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/** One decoded client payload: its opcode and {@code d} (a NullNode when absent). */
record ClientFrame(int op, JsonNode d) {
    /** Discord's limit for a client payload. Jetty accepts more so the close code stays ours, not 1009. */
    static final int MAX_BYTES = 4096;

    static ClientFrame decode(String text) {
        if (utf8Length(text) > MAX_BYTES) throw GatewayClose.decodeError();
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (Json.MalformedJson e) {
            throw GatewayClose.decodeError();
        }
        JsonNode op = root.get("op");
        if (!root.isObject() || op == null || !op.isIntegralNumber() || !op.canConvertToInt()) throw GatewayClose.decodeError();
        JsonNode d = root.get("d");
        return new ClientFrame(op.intValue(), d == null ? NullNode.getInstance() : d);
    }

    private static int utf8Length(String text) {
        // Every char is at most 3 UTF-8 bytes, so short texts need no counting.
        if (text.length() * 3 <= MAX_BYTES) return text.length();
        if (text.length() > MAX_BYTES) return text.length();
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
