package io.concord.common.guild;

import io.concord.common.model.Member;
import io.concord.common.model.User;
import io.concord.common.permission.GuildAccess.MemberAccess;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Guild memberships and the roles each member holds. */
public final class MemberRepository {
    private final Jdbi jdbi;

    public MemberRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private record Row(long userId, String username, String globalName, boolean bot, String nick, OffsetDateTime joinedAt, OffsetDateTime timeout) {}

    /** Adds the membership; false when the user already is a member. */
    public boolean add(long guildId, long userId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        insert into members (guild_id, user_id, joined_at) values (:g, :u, :at) on conflict do nothing""")
                .bind("g", guildId).bind("u", userId).bind("at", now.atOffset(ZoneOffset.UTC)).execute()) == 1;
    }

    public boolean isMember(long guildId, long userId) {
        return jdbi.withHandle(h -> h.createQuery("select exists (select 1 from members where guild_id = :g and user_id = :u)")
                .bind("g", guildId).bind("u", userId).mapTo(Boolean.class).one());
    }

    public Optional<Member> find(long guildId, long userId) {
        return jdbi.withHandle(h -> query(h, "m.guild_id = :g and m.user_id = :u", guildId, userId, 1)).stream().findFirst();
    }

    /** Members ordered by user id, after {@code afterUserId}, at most {@code limit}. */
    public List<Member> list(long guildId, long afterUserId, int limit) {
        return jdbi.withHandle(h -> query(h, "m.guild_id = :g and m.user_id > :u", guildId, afterUserId, limit));
    }

    public int count(long guildId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from members where guild_id = :g").bind("g", guildId)
                .mapTo(Integer.class).one());
    }

    /** What the permission engine needs about one member; empty when the user is not a member. */
    public Optional<MemberAccess> access(long guildId, long userId) {
        return find(guildId, userId).map(m -> new MemberAccess(userId, m.roles(),
                m.communicationDisabledUntil() == null ? Instant.EPOCH : m.communicationDisabledUntil().toInstant()));
    }

    private static List<Member> query(Handle h, String where, long guildId, long userId, int limit) {
        List<Row> rows = h.createQuery("""
                        select m.user_id, u.username, u.global_name, u.bot, m.nick, m.joined_at, m.communication_disabled_until
                        from members m join users u on u.id = m.user_id
                        where %s order by m.user_id limit :limit""".formatted(where))
                .bind("g", guildId).bind("u", userId).bind("limit", limit)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                        offset(rs.getTimestamp(6)), offset(rs.getTimestamp(7))))
                .list();
        if (rows.isEmpty()) return List.of();
        Map<Long, List<Long>> roles = new HashMap<>();
        h.createQuery("select user_id, role_id from member_roles where guild_id = :g and user_id = any(:users) order by role_id")
                .bind("g", guildId).bind("users", rows.stream().mapToLong(Row::userId).toArray())
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .forEach(e -> roles.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return rows.stream().map(r -> new Member(User.of(r.userId(), r.username(), r.globalName(), r.bot()), r.nick(),
                List.copyOf(roles.getOrDefault(r.userId(), List.of())), r.joinedAt(), false, false, 0, false, r.timeout())).toList();
    }

    private static OffsetDateTime offset(Timestamp ts) {
        return ts == null ? null : ts.toInstant().atOffset(ZoneOffset.UTC);
    }
}
