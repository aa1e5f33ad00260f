package io.concord.ws.gateway;

import io.concord.ws.presence.Presence;
import io.concord.ws.session.Intents;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The parts of an op 2 IDENTIFY the node uses; {@code properties} is accepted and ignored.
 * {@code shard} is {@code [shard_id, num_shards]} (default {@code [0, 1]}): a bad pair closes 4010.
 * {@code presence} sets the session's first presence (default online); a malformed one closes 4002.
 */
record Identify(String token, Intents intents, int largeThreshold, int shardId, int shardCount, Optional<Presence> presence) {
    static final int DEFAULT_LARGE_THRESHOLD = 50;
    static final int MAX_LARGE_THRESHOLD = 250;
    /** Far above any real bot's shard count; bounds the modulo and the Redis key space. */
    static final int MAX_SHARDS = 65_536;

    static Identify parse(JsonNode d, long nowMs) {
        if (!d.isObject()) throw GatewayClose.decodeError();
        JsonNode token = d.get("token");
        if (token == null || !token.isString()) throw GatewayClose.authenticationFailed();
        int[] shard = shard(d.get("shard"));
        JsonNode presence = d.get("presence");
        return new Identify(token.stringValue(), intents(d.get("intents")), largeThreshold(d.get("large_threshold")), shard[0], shard[1],
                presence == null || presence.isNull() ? Optional.empty() : Optional.of(Presence.parse(presence, nowMs)));
    }

    static Identify parse(JsonNode d) {
        return parse(d, 0);
    }

    /** Whether a guild belongs to this session's shard (Discord's {@code (guild_id >> 22) % num_shards}). */
    boolean receives(long guildId) {
        return Long.remainderUnsigned(guildId >>> 22, shardCount) == shardId;
    }

    private static int[] shard(JsonNode node) {
        if (node == null || node.isNull()) return new int[] {0, 1};
        if (!node.isArray() || node.size() != 2 || !node.get(0).isIntegralNumber() || !node.get(1).isIntegralNumber()
                || !node.get(0).canConvertToInt() || !node.get(1).canConvertToInt()) {
            throw GatewayClose.invalidShard();
        }
        int id = node.get(0).intValue();
        int count = node.get(1).intValue();
        if (count < 1 || count > MAX_SHARDS || id < 0 || id >= count) throw GatewayClose.invalidShard();
        return new int[] {id, count};
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
