package io.concord.ws.members;

import io.concord.common.guild.MemberRepository;
import io.concord.ws.gateway.ClientIds;
import io.concord.ws.gateway.GatewayClose;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An op 8 REQUEST_GUILD_MEMBERS, validated: {@code guild_id} (a string or a JSON number, read as 64
 * bits), then either {@code query} (a name prefix; {@code ""} means everyone) or {@code user_ids}
 * (one id or at most 100), {@code limit}, {@code presences}, {@code nonce}. A payload that is not
 * one of those shapes is a decode error (4002). A nonce over 32 bytes is ignored, as Discord does.
 */
record MemberRequest(long guildId, Optional<String> query, List<Long> userIds, int limit, boolean presences, Optional<String> nonce) {
    static final int MAX_QUERY_LIMIT = 100;
    static final int MAX_NONCE_BYTES = 32;
    static final int MAX_QUERY_CHARS = 100;

    /** Every member (an empty query), which needs GUILD_MEMBERS. */
    boolean wholeList() {
        return query.isPresent() && query.get().isEmpty();
    }

    static MemberRequest parse(JsonNode d) {
        if (d == null || !d.isObject()) throw GatewayClose.decodeError("Invalid request guild members");
        long guildId = ClientIds.parse(d.get("guild_id")).orElseThrow(() -> GatewayClose.decodeError("Invalid guild_id"));
        JsonNode q = d.get("query");
        JsonNode ids = d.get("user_ids");
        boolean hasQuery = q != null && !q.isNull();
        boolean hasIds = ids != null && !ids.isNull();
        if (hasQuery == hasIds) throw GatewayClose.decodeError("Either query or user_ids is required");
        if (hasQuery && (!q.isString() || q.stringValue().length() > MAX_QUERY_CHARS)) throw GatewayClose.decodeError("Invalid query");
        JsonNode limit = d.get("limit");
        if (limit != null && !limit.isNull() && !(limit.isIntegralNumber() && limit.canConvertToInt() && limit.intValue() >= 0)) {
            throw GatewayClose.decodeError("Invalid limit");
        }
        JsonNode presences = d.get("presences");
        if (presences != null && !presences.isNull() && !presences.isBoolean()) throw GatewayClose.decodeError("Invalid presences");
        return new MemberRequest(guildId, hasQuery ? Optional.of(q.stringValue()) : Optional.empty(),
                hasIds ? userIds(ids) : List.of(), limit == null || limit.isNull() ? 0 : limit.intValue(),
                presences != null && presences.booleanValue(), nonce(d.get("nonce")));
    }

    private static List<Long> userIds(JsonNode node) {
        if (!node.isArray()) return List.of(id(node));
        if (node.size() > MemberRepository.MAX_IDS) throw GatewayClose.decodeError("At most 100 user_ids");
        List<Long> ids = new ArrayList<>(node.size());
        for (JsonNode n : node) {
            long id = id(n);
            if (!ids.contains(id)) ids.add(id);
        }
        return List.copyOf(ids);
    }

    private static long id(JsonNode node) {
        return ClientIds.parse(node).orElseThrow(() -> GatewayClose.decodeError("Invalid user_ids"));
    }

    private static Optional<String> nonce(JsonNode node) {
        if (node == null || node.isNull()) return Optional.empty();
        if (!node.isString()) throw GatewayClose.decodeError("Invalid nonce");
        String nonce = node.stringValue();
        return nonce.getBytes(StandardCharsets.UTF_8).length > MAX_NONCE_BYTES ? Optional.empty() : Optional.of(nonce);
    }
}
