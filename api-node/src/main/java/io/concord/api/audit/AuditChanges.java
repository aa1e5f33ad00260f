package io.concord.api.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds an entry's {@code changes}: only the fields whose value differs, under Discord's keys, with
 * values as the API shows them (ids and permission bitsets as strings). Every key appears at most
 * once, as JDA maps changes by key.
 */
public final class AuditChanges {
    private AuditChanges() {}

    /** Every field of a new entity, as {@code new_value} (absent ones left out). */
    public static List<AuditChange> created(Map<String, Object> fields) {
        return between(Map.of(), fields);
    }

    /** Every field of a deleted entity, as {@code old_value}. */
    public static List<AuditChange> deleted(Map<String, Object> fields) {
        return between(fields, Map.of());
    }

    /** The fields that differ between two snapshots of an entity, in the order of {@code after} then {@code before}. */
    public static List<AuditChange> between(Map<String, Object> before, Map<String, Object> after) {
        List<AuditChange> changes = new ArrayList<>();
        after.forEach((key, value) -> {
            Object old = before.get(key);
            if (!Objects.equals(old, value)) changes.add(new AuditChange(key, old, value));
        });
        before.forEach((key, old) -> {
            if (!after.containsKey(key) && old != null) changes.add(new AuditChange(key, old, null));
        });
        return List.copyOf(changes);
    }
}
