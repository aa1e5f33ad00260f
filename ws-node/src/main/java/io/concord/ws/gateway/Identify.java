package io.concord.ws.gateway;

import io.concord.ws.session.Intents;
import tools.jackson.databind.JsonNode;

/** The parts of an op 2 IDENTIFY the node uses now; {@code properties}, {@code shard}, {@code presence} are accepted and ignored. */
record Identify(String token, Intents intents, int largeThreshold) {
    static final int DEFAULT_LARGE_THRESHOLD = 50;
    static final int MAX_LARGE_THRESHOLD = 250;

    static Identify parse(JsonNode d) {
        if (!d.isObject()) throw GatewayClose.decodeError();
        JsonNode token = d.get("token");
        if (token == null || !token.isString()) throw GatewayClose.authenticationFailed();
        return new Identify(token.stringValue(), intents(d.get("intents")), largeThreshold(d.get("large_threshold")));
    }

    private static Intents intents(JsonNode node) {
        if (node == null || node.isNull()) return Intents.UNDECLARED;
        if (!node.isIntegralNumber() || !node.canConvertToLong() || !Intents.isKnown(node.longValue())) {
            throw GatewayClose.invalidIntents();
        }
        return Intents.of(node.longValue());
    }

    private static int largeThreshold(JsonNode node) {
        if (node == null || !node.isIntegralNumber()) return DEFAULT_LARGE_THRESHOLD;
        long v = node.canConvertToLong() ? node.longValue() : MAX_LARGE_THRESHOLD;
        return (int) Math.clamp(v, DEFAULT_LARGE_THRESHOLD, MAX_LARGE_THRESHOLD);
    }
}
