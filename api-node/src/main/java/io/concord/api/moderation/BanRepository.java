package io.concord.api.moderation;

import io.concord.common.model.User;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A guild's bans. Banning and joining both lock the guild's row (a ban exclusively, a join shared),
 * so a user being banned can never slip in through an invite or a bot authorization at that moment.
 */
public final class BanRepository {
    private final Jdbi jdbi;

    public BanRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One ban: the banned user and the reason given, if any. */
    public record Ban(User user, Optional<String> reason) {}

    /** What {@link #ban} did: whether the ban is new and whether it ended a membership. */
    public record Outcome(boolean newBan, boolean memberRemoved) {}

    /** What {@link #join} did. */
    public enum Join { JOINED, ALREADY_MEMBER, BANNED }

    /** Bans the user and ends their membership, in one transaction; banning again changes nothing. */
    public Outcome ban(long guildId, long userId, Optional<String> reason, Instant now) {
        return jdbi.inTransaction(h -> {
            lockGuild(h, guildId, "update");
            boolean added = h.createUpdate("""
                            insert into bans (guild_id, user_id, reason, created_at) values (:g, :u, :reason, :at)
                            on conflict do nothing""")
                    .bind("g", guildId).bind("u", userId).bind("reason", reason.orElse(null))
                    .bind("at", now.atOffset(ZoneOffset.UTC)).execute() == 1;
            boolean removed = h.createUpdate("delete from members where guild_id = :g and user_id = :u")
                    .bind("g", guildId).bind("u", userId).execute() == 1;
            return new Outcome(added, removed);
        });
    }

    /** Lifts the ban; false when there was none. */
    public boolean unban(long guildId, long userId) {
        return jdbi.withHandle(h -> h.createUpdate("delete from bans where guild_id = :g and user_id = :u")
                .bind("g", guildId).bind("u", userId).execute()) == 1;
    }

    /** Adds the membership unless the user is banned from the guild or already a member. */
    public Join join(long guildId, long userId, Instant now) {
        return jdbi.inTransaction(h -> {
            lockGuild(h, guildId, "share");
            if (banned(h, guildId, userId)) return Join.BANNED;
            int n = h.createUpdate("insert into members (guild_id, user_id, joined_at) values (:g, :u, :at) on conflict do nothing")
                    .bind("g", guildId).bind("u", userId).bind("at", now.atOffset(ZoneOffset.UTC)).execute();
            return n == 1 ? Join.JOINED : Join.ALREADY_MEMBER;
        });
    }

    public boolean isBanned(long guildId, long userId) {
        return jdbi.withHandle(h -> banned(h, guildId, userId));
    }

    /** Which of these users are banned from the guild, in one query. */
    public Set<Long> bannedAmong(long guildId, Collection<Long> userIds) {
        if (userIds.isEmpty()) return Set.of();
        return jdbi.withHandle(h -> h.createQuery("select user_id from bans where guild_id = :g and user_id = any(:u)")
                .bind("g", guildId).bind("u", userIds.stream().mapToLong(Long::longValue).toArray())
                .mapTo(Long.class).collect(Collectors.toSet()));
    }

    public Optional<Ban> find(long guildId, long userId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "where b.guild_id = :g and b.user_id = :u")
                .bind("g", guildId).bind("u", userId).map(BanRepository::ban).findOne());
    }

    /**
     * A page of bans ordered by user id: after {@code after} (ascending), or the last {@code limit}
     * before {@code before} when only that is given; 0 means unset.
     */
    public List<Ban> list(long guildId, long before, long after, int limit) {
        boolean backwards = before != 0 && after == 0;
        return jdbi.withHandle(h -> {
            List<Ban> page = h.createQuery(SELECT + """
                            where b.guild_id = :g and b.user_id > :after and (:before = 0 or b.user_id < :before)
                            order by b.user_id %s limit :limit""".formatted(backwards ? "desc" : "asc"))
                    .bind("g", guildId).bind("after", after).bind("before", before).bind("limit", limit)
                    .map(BanRepository::ban).list();
            return backwards ? page.reversed() : page;
        });
    }

    private static final String SELECT = """
            select b.user_id, u.username, u.global_name, u.avatar, u.bot, b.reason from bans b join users u on u.id = b.user_id
            """;

    private static Ban ban(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new Ban(User.of(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)),
                Optional.ofNullable(rs.getString(6)));
    }

    private static boolean banned(Handle h, long guildId, long userId) {
        return h.createQuery("select exists (select 1 from bans where guild_id = :g and user_id = :u)")
                .bind("g", guildId).bind("u", userId).mapTo(Boolean.class).one();
    }

    private static void lockGuild(Handle h, long guildId, String mode) {
        h.createQuery("select id from guilds where id = :g for " + mode).bind("g", guildId).mapTo(Long.class).findOne();
    }
}
