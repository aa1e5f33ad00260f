package io.concord.ws.resume;

import io.concord.ws.gateway.GatewayClose;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An op 6 RESUME: {@code token}, {@code session_id}, {@code seq}. The id and seq may come as strings
 * or JSON numbers; a seq that is not a non-negative 64-bit number is a decode error, a missing or
 * unusable session id is simply a session nobody holds.
 */
public record ResumeRequest(String token, Optional<String> sessionId, long seq) {
    /** Session ids this node hands out are 32 hex digits; anything much longer is not one. */
    private static final int MAX_SESSION_ID = 128;

    public static ResumeRequest parse(JsonNode d) {
        if (!d.isObject()) throw GatewayClose.decodeError();
        JsonNode token = d.get("token");
        if (token == null || !token.isString()) throw GatewayClose.authenticationFailed();
        return new ResumeRequest(token.stringValue(), sessionId(d.get("session_id")), seq(d.get("seq")));
    }

    private static Optional<String> sessionId(JsonNode node) {
        if (node == null) return Optional.empty();
        String id = node.isString() ? node.stringValue() : node.isIntegralNumber() ? node.bigIntegerValue().toString() : "";
        return id.isEmpty() || id.length() > MAX_SESSION_ID ? Optional.empty() : Optional.of(id);
    }

    private static long seq(JsonNode node) {
        // JDA sends seq null when it never received a dispatch.
        if (node == null || node.isNull()) return 0;
        try {
            long seq = node.isString() ? Long.parseLong(node.stringValue()) : node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : -1;
            if (seq >= 0) return seq;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw GatewayClose.decodeError();
    }
}
