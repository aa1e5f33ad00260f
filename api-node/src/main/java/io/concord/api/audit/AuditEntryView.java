package io.concord.api.audit;

import io.concord.common.json.IdString;
import io.concord.common.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Discord's audit log entry object: {@code target_id} null when there is none, {@code changes},
 * {@code options} and {@code reason} left out when empty.
 */
record AuditEntryView(@IdString long id, @IdString long userId, @IdString Long targetId, int actionType, JsonNode changes,
                      JsonNode options, String reason) {

    static AuditEntryView of(long id, AuditEntry e) {
        return new AuditEntryView(id, e.userId(), e.targetId() == 0 ? null : e.targetId(), e.action().type(),
                e.changes().isEmpty() ? null : Json.tree(e.changes()), e.options().isEmpty() ? null : Json.tree(e.options()),
                e.reason().orElse(null));
    }

    static AuditEntryView of(AuditLogRepository.Row r) {
        JsonNode changes = r.changes() == null ? null : Json.parse(r.changes());
        return new AuditEntryView(r.id(), r.userId(), r.targetId() == 0 ? null : r.targetId(), r.actionType(),
                changes == null || changes.isEmpty() ? null : changes, r.options() == null ? null : Json.parse(r.options()), r.reason());
    }

    /** The GUILD_AUDIT_LOG_ENTRY_CREATE payload: the entry with its {@code guild_id}. */
    ObjectNode withGuild(long guildId) {
        ObjectNode payload = (ObjectNode) Json.tree(this);
        payload.put("guild_id", Long.toString(guildId));
        return payload;
    }
}
