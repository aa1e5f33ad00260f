package io.concord.api.audit;

/**
 * Where administrative actions are recorded. A service calls {@link #record} after its change is
 * stored, with the actor, target, before/after values and the request's reason; the implementation
 * gives the entry its id, stores it and announces it (GUILD_AUDIT_LOG_ENTRY_CREATE).
 */
public interface AuditLog {
    void record(AuditEntry entry);
}
