package io.concord.api.invites;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

final class InviteRepository {
    private static final RowMapper<InviteRow> ROW = (rs, ctx) -> new InviteRow(rs.getString("code"), rs.getLong("guild_id"),
            rs.getLong("channel_id"), rs.getLong("inviter_id"), rs.getInt("max_age"), rs.getInt("max_uses"), rs.getInt("uses"),
            rs.getBoolean("temporary"), rs.getTimestamp("created_at").toInstant(),
            Optional.ofNullable(rs.getTimestamp("expires_at")).map(Timestamp::toInstant));
    private final Jdbi jdbi;

    InviteRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** False when the code is taken (the caller draws another). */
    boolean insert(InviteRow i) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        insert into invites (code, guild_id, channel_id, inviter_id, max_age, max_uses, temporary, created_at, expires_at)
                        values (:code, :g, :c, :inviter, :age, :uses, :temp, :created, :expires) on conflict do nothing""")
                .bind("code", i.code()).bind("g", i.guildId()).bind("c", i.channelId()).bind("inviter", i.inviterId())
                .bind("age", i.maxAge()).bind("uses", i.maxUses()).bind("temp", i.temporary())
                .bind("created", i.createdAt().atOffset(ZoneOffset.UTC))
                .bind("expires", i.expiresAt().map(e -> e.atOffset(ZoneOffset.UTC)).orElse(null)).execute()) == 1;
    }

    Optional<InviteRow> find(String code) {
        return jdbi.withHandle(h -> h.createQuery("select * from invites where code = :code").bind("code", code).map(ROW).findOne());
    }

    /** The invites of a guild (or of one of its channels when {@code channelId} is not null), oldest first. */
    List<InviteRow> list(long guildId, Long channelId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select * from invites where guild_id = :g and (cast(:c as bigint) is null or channel_id = :c)
                        order by created_at, code""")
                .bind("g", guildId).bind("c", channelId).map(ROW).list());
    }

    /** False when there was no such invite (someone else deleted it first). */
    boolean delete(String code) {
        return jdbi.withHandle(h -> h.createUpdate("delete from invites where code = :code").bind("code", code).execute()) == 1;
    }

    /** Counts one use if the invite is still usable at {@code now}; false when it is not. */
    boolean use(String code, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        update invites set uses = uses + 1
                        where code = :code and (max_uses = 0 or uses < max_uses) and (expires_at is null or expires_at > :now)""")
                .bind("code", code).bind("now", now.atOffset(ZoneOffset.UTC)).execute()) == 1;
    }
}
