package io.concord.api.audit;

/**
 * One changed field of an audit entry, as Discord's {@code changes[]}: {@code key}, and the values
 * before and after as they appear in the API (null when absent: no old value on a create, no new
 * value on a delete). Values are written as JSON, so ids should already be strings.
 */
public record AuditChange(String key, Object oldValue, Object newValue) {}
