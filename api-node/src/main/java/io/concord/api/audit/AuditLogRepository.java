package io.concord.api.audit;

import io.concord.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** The {@code audit_log_entries} table. Ids are snowflakes: they order entries and date them. */
final class AuditLogRepository {
    /** A stored entry with its changes and options as the JSON text they were written as. */
    record Row(long id, long userId, long targetId, int actionType, String changes, String options, String reason) {}

    private static final RowMapper<Row> ROW = (rs, ctx) -> new Row(rs.getLong("id"), rs.getLong("user_id"), rs.getLong("target_id"),
            rs.getInt("action_type"), rs.getString("changes"), rs.getString("options"), rs.getString("reason"));
    private final Jdbi jdbi;

    AuditLogRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(long id, AuditEntry e) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into audit_log_entries (id, guild_id, user_id, target_id, action_type, changes, options, reason)
                        values (:id, :g, :u, :t, :type, cast(:changes as jsonb), cast(:options as jsonb), :reason)""")
                .bind("id", id).bind("g", e.guildId()).bind("u", e.userId()).bind("t", e.targetId() == 0 ? null : e.targetId())
                .bind("type", e.action().type()).bind("changes", Json.write(e.changes()))
                .bind("options", e.options().isEmpty() ? null : Json.write(e.options())).bind("reason", e.reason().orElse(null))
                .execute());
    }

    /** One page of a guild's entries no older than {@code oldestId}; only the filters given are in the SQL, so each uses its index. */
    List<Row> page(AuditQuery q, long oldestId) {
        StringBuilder sql = new StringBuilder("""
                select id, user_id, coalesce(target_id, 0) as target_id, action_type, changes::text as changes, options::text as options, reason
                from audit_log_entries where guild_id = :g and id >= :oldest""");
        List<Map.Entry<String, Object>> binds = new ArrayList<>();
        q.userId().ifPresent(u -> {
            sql.append(" and user_id = :u");
            binds.add(Map.entry("u", u));
        });
        q.actionType().ifPresent(t -> {
            sql.append(" and action_type = :type");
            binds.add(Map.entry("type", t));
        });
        q.before().ifPresent(b -> {
            sql.append(" and id < :before");
            binds.add(Map.entry("before", b));
        });
        q.after().ifPresent(a -> {
            sql.append(" and id > :after");
            binds.add(Map.entry("after", a));
        });
        sql.append(q.ascending() ? " order by id asc" : " order by id desc").append(" limit :limit");
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql.toString()).bind("g", q.guildId()).bind("oldest", oldestId).bind("limit", q.limit());
            binds.forEach(b -> query.bind(b.getKey(), b.getValue()));
            return query.map(ROW).list();
        });
    }

    /** Deletes up to {@code batch} entries older than {@code oldestKeptId}; the number deleted. */
    int deleteOlderThan(long oldestKeptId, int batch) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        delete from audit_log_entries where id in (select id from audit_log_entries where id < :oldest limit :batch)""")
                .bind("oldest", oldestKeptId).bind("batch", batch).execute());
    }
}
