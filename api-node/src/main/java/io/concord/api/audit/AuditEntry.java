package io.concord.api.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An administrative action to record: who ({@code userId}) did what ({@code action}) to which
 * entity ({@code targetId}, 0 when there is none) in which guild, the field changes, the optional
 * extra info of Discord's {@code options} (channel_id, count, delete_member_days, id, type, ...) and
 * the reason from the {@code X-Audit-Log-Reason} header.
 */
public record AuditEntry(long guildId, long userId, AuditAction action, long targetId,
        List<AuditChange> changes, Map<String, String> options, Optional<String> reason) {

    public AuditEntry {
        changes = List.copyOf(changes);
        options = Map.copyOf(options);
    }
}
