package io.concord.common.guild;

import io.concord.common.model.Member;
import io.concord.common.model.User;
import io.concord.common.permission.GuildAccess.MemberAccess;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Guild memberships and the roles each member holds. */
public final class MemberRepository {
    private static final String COLUMNS = """
            m.user_id, u.username, u.global_name, u.bot, u.avatar, m.nick, m.avatar, m.joined_at, m.premium_since,
            m.deaf, m.mute, m.flags, m.communication_disabled_until""";
    private final Jdbi jdbi;

    public MemberRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private record Row(long userId, User user, String nick, String avatar, OffsetDateTime joinedAt, OffsetDateTime premiumSince,
                       boolean deaf, boolean mute, int flags, OffsetDateTime timeout) {}

    /**
     * A change to one member: each field applies only when its flag is set ({@code nick} and
     * {@code timeout} may be null to clear them); {@code roles} is the full new list, or null to keep it.
     */
    public record MemberEdit(boolean setNick, String nick, Collection<Long> roles, boolean setTimeout, OffsetDateTime timeout,
                             Boolean mute, Boolean deaf) {}

    /** Adds the membership; false when the user already is a member. */
    public boolean add(long guildId, long userId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        insert into members (guild_id, user_id, joined_at) values (:g, :u, :at) on conflict do nothing""")
                .bind("g", guildId).bind("u", userId).bind("at", now.atOffset(ZoneOffset.UTC)).execute()) == 1;
    }

    /** Ends the membership (its roles go with it); false when the user was not a member. */
    public boolean remove(long guildId, long userId) {
        return jdbi.withHandle(h -> h.createUpdate("delete from members where guild_id = :g and user_id = :u")
                .bind("g", guildId).bind("u", userId).execute()) == 1;
    }

    public boolean isMember(long guildId, long userId) {
        return jdbi.withHandle(h -> h.createQuery("select exists (select 1 from members where guild_id = :g and user_id = :u)")
                .bind("g", guildId).bind("u", userId).mapTo(Boolean.class).one());
    }

    /** Which of these users are members of the guild, in one query. */
    public java.util.Set<Long> membersAmong(long guildId, Collection<Long> userIds) {
        if (userIds.isEmpty()) return java.util.Set.of();
        return jdbi.withHandle(h -> h.createQuery("select user_id from members where guild_id = :g and user_id = any(:u)")
                .bind("g", guildId).bindArray("u", Long.class, userIds.toArray(Long[]::new))
                .mapTo(Long.class).collect(java.util.stream.Collectors.toSet()));
    }

    public Optional<Member> find(long guildId, long userId) {
        return jdbi.withHandle(h -> query(h, "m.guild_id = :g and m.user_id = :u", guildId, userId, 1)).stream().findFirst();
    }

    /** Members ordered by user id, after {@code afterUserId}, at most {@code limit}. */
    public List<Member> list(long guildId, long afterUserId, int limit) {
        return jdbi.withHandle(h -> query(h, "m.guild_id = :g and m.user_id > :u", guildId, afterUserId, limit));
    }

    /** At most this many ids per {@link #findAll} call (op 8's {@code user_ids} limit). */
    public static final int MAX_IDS = 100;

    /** The members among these users, by user id; ids that are no member are left out. */
    public List<Member> findAll(long guildId, Collection<Long> userIds) {
        if (userIds.isEmpty()) return List.of();
        if (userIds.size() > MAX_IDS) throw new IllegalArgumentException("at most " + MAX_IDS + " ids");
        return jdbi.withHandle(h -> queryIds(h, guildId, List.copyOf(userIds)));
    }

    /**
     * Members whose username, global name or nickname starts with {@code prefix} (case-insensitive),
     * by user id. Three index-friendly prefix scans, one per name, instead of one OR the planner
     * could only answer by reading the whole guild.
     */
    public List<Member> search(long guildId, String prefix, int limit) {
        String pattern = escapeLike(prefix.toLowerCase(java.util.Locale.ROOT)) + "%";
        return jdbi.withHandle(h -> {
            List<Long> ids = h.createQuery("""
                            select user_id from (
                                (select m.user_id from members m where m.guild_id = :g and lower(m.nick) like :p escape '!'
                                 order by m.user_id limit :limit)
                                union
                                (select m.user_id from members m join users u on u.id = m.user_id
                                 where m.guild_id = :g and lower(u.username) like :p escape '!' order by m.user_id limit :limit)
                                union
                                (select m.user_id from members m join users u on u.id = m.user_id
                                 where m.guild_id = :g and lower(u.global_name) like :p escape '!' order by m.user_id limit :limit)
                            ) found order by user_id limit :limit""")
                    .bind("g", guildId).bind("p", pattern).bind("limit", limit).mapTo(Long.class).list();
            if (ids.isEmpty()) return List.<Member>of();
            return queryIds(h, guildId, ids);
        });
    }

    /** {@code %}, {@code _} and the escape character ({@code !}: a backslash trips Jdbi's statement parser) match literally. */
    static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    public int count(long guildId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from members where guild_id = :g").bind("g", guildId)
                .mapTo(Integer.class).one());
    }

    /** What the permission engine needs about one member; empty when the user is not a member. */
    public Optional<MemberAccess> access(long guildId, long userId) {
        return find(guildId, userId).map(MemberRepository::access);
    }

    /** The member as the permission engine sees them, with their stored timeout. */
    public static MemberAccess access(Member m) {
        return new MemberAccess(m.user().id(), m.roles(),
                m.communicationDisabledUntil() == null ? Instant.EPOCH : m.communicationDisabledUntil().toInstant());
    }

    /**
     * Applies the edit in one transaction and returns the member as stored; empty when the user is not
     * (or no longer) a member. Role ids must be roles of this guild (the caller checks them).
     */
    public Optional<Member> edit(long guildId, long userId, MemberEdit edit) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("""
                            update members set
                                nick = case when :setNick then :nick else nick end,
                                communication_disabled_until = case when :setTimeout then :timeout else communication_disabled_until end,
                                mute = coalesce(:mute, mute),
                                deaf = coalesce(:deaf, deaf)
                            where guild_id = :g and user_id = :u""")
                    .bind("g", guildId).bind("u", userId)
                    .bind("setNick", edit.setNick()).bind("nick", edit.nick())
                    .bind("setTimeout", edit.setTimeout()).bind("timeout", edit.timeout())
                    .bind("mute", edit.mute()).bind("deaf", edit.deaf())
                    .execute();
            if (n == 0) return Optional.<Member>empty();
            if (edit.roles() != null) {
                long[] roles = edit.roles().stream().mapToLong(Long::longValue).toArray();
                h.createUpdate("delete from member_roles where guild_id = :g and user_id = :u and role_id <> all(:roles)")
                        .bind("g", guildId).bind("u", userId).bind("roles", roles).execute();
                h.createUpdate("""
                                insert into member_roles (guild_id, user_id, role_id)
                                select :g, :u, r.id from roles r where r.guild_id = :g and r.id = any(:roles)
                                on conflict do nothing""")
                        .bind("g", guildId).bind("u", userId).bind("roles", roles).execute();
            }
            return query(h, "m.guild_id = :g and m.user_id = :u", guildId, userId, 1).stream().findFirst();
        });
    }

    /** Grants a role of this guild; false when the member already held it (or is no member). */
    public boolean addRole(long guildId, long userId, long roleId) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        insert into member_roles (guild_id, user_id, role_id)
                        select m.guild_id, m.user_id, r.id from members m join roles r on r.guild_id = m.guild_id and r.id = :r
                        where m.guild_id = :g and m.user_id = :u
                        on conflict do nothing""")
                .bind("g", guildId).bind("u", userId).bind("r", roleId).execute()) == 1;
    }

    /** Revokes a role; false when the member did not hold it. */
    public boolean removeRole(long guildId, long userId, long roleId) {
        return jdbi.withHandle(h -> h.createUpdate("delete from member_roles where guild_id = :g and user_id = :u and role_id = :r")
                .bind("g", guildId).bind("u", userId).bind("r", roleId).execute()) == 1;
    }

    private static List<Member> query(Handle h, String where, long guildId, long userId, int limit) {
        List<Row> rows = h.createQuery("select " + COLUMNS + """
                         from members m join users u on u.id = m.user_id
                        where %s order by m.user_id limit :limit""".formatted(where))
                .bind("g", guildId).bind("u", userId).bind("limit", limit)
                .map((rs, ctx) -> row(rs))
                .list();
        return withRoles(h, guildId, rows);
    }

    private static List<Member> queryIds(Handle h, long guildId, List<Long> userIds) {
        List<Row> rows = h.createQuery("select " + COLUMNS + """
                         from members m join users u on u.id = m.user_id
                        where m.guild_id = :g and m.user_id = any(:ids) order by m.user_id""")
                .bind("g", guildId).bind("ids", userIds.stream().mapToLong(Long::longValue).toArray())
                .map((rs, ctx) -> row(rs))
                .list();
        return withRoles(h, guildId, rows);
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long id = rs.getLong(1);
        return new Row(id, User.of(id, rs.getString(2), rs.getString(3), rs.getString(5), rs.getBoolean(4)), rs.getString(6),
                rs.getString(7), offset(rs.getTimestamp(8)), offset(rs.getTimestamp(9)), rs.getBoolean(10), rs.getBoolean(11),
                rs.getInt(12), offset(rs.getTimestamp(13)));
    }

    private static List<Member> withRoles(Handle h, long guildId, List<Row> rows) {
        if (rows.isEmpty()) return List.of();
        Map<Long, List<Long>> roles = new HashMap<>();
        h.createQuery("select user_id, role_id from member_roles where guild_id = :g and user_id = any(:users) order by role_id")
                .bind("g", guildId).bind("users", rows.stream().mapToLong(Row::userId).toArray())
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .forEach(e -> roles.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return rows.stream().map(r -> new Member(r.user(), r.nick(), r.avatar(),
                List.copyOf(roles.getOrDefault(r.userId(), List.of())), r.joinedAt(), r.premiumSince(), r.deaf(), r.mute(), r.flags(),
                false, r.timeout())).toList();
    }

    private static OffsetDateTime offset(Timestamp ts) {
        return ts == null ? null : ts.toInstant().atOffset(ZoneOffset.UTC);
    }
}
