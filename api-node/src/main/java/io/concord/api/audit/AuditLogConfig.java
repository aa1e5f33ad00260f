package io.concord.api.audit;

import io.concord.common.config.Env;
import java.time.Duration;

/**
 * How long audit log entries are kept ({@code AUDIT_LOG_RETENTION_DAYS}, Discord keeps 45 days; any
 * positive number of days) and how often one api-node of the deployment deletes the expired ones
 * ({@code AUDIT_LOG_PURGE_INTERVAL_SECONDS}). Expired entries are never returned, purged or not.
 */
public record AuditLogConfig(Duration retention, Duration purgeInterval) {

    public static AuditLogConfig from(Env env) {
        return new AuditLogConfig(
                Duration.ofDays(env.integer("AUDIT_LOG_RETENTION_DAYS", 45, 1, Integer.MAX_VALUE)),
                Duration.ofSeconds(env.integer("AUDIT_LOG_PURGE_INTERVAL_SECONDS", 3600, 1, 86_400)));
    }
}
