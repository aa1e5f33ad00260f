package io.concord.api.oauth2;

import io.concord.common.model.Role;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/** Adds a bot to a guild with its managed role, atomically. */
final class BotInstallRepository {
    private final Jdbi jdbi;

    BotInstallRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    enum Outcome { INSTALLED, ALREADY_MEMBER, TOO_MANY_ROLES, BANNED }

    /**
     * Creates the membership, the role at position 1 (every other role but @everyone moves up one, as
     * for any new role) and the grant; writes nothing when the bot already is a member or the guild
     * has {@code maxRoles} roles, or the bot is banned from it.
     */
    Outcome install(long guildId, long botUserId, Role role, int maxRoles, Instant now) {
        return jdbi.inTransaction(h -> {
            // Serialises role creation in this guild, so positions and the role count stay consistent.
            h.createQuery("select id from guilds where id = :g for update").bind("g", guildId).mapTo(Long.class).findOne();
            int roles = h.createQuery("select count(*) from roles where guild_id = :g").bind("g", guildId).mapTo(Integer.class).one();
            boolean member = h.createQuery("select exists (select 1 from members where guild_id = :g and user_id = :u)")
                    .bind("g", guildId).bind("u", botUserId).mapTo(Boolean.class).one();
            if (member) return Outcome.ALREADY_MEMBER;
            // Under the guild's row lock, which a ban takes too: a bot banned now cannot be added.
            boolean banned = h.createQuery("select exists (select 1 from bans where guild_id = :g and user_id = :u)")
                    .bind("g", guildId).bind("u", botUserId).mapTo(Boolean.class).one();
            if (banned) return Outcome.BANNED;
            if (roles >= maxRoles) return Outcome.TOO_MANY_ROLES;
            h.createUpdate("insert into members (guild_id, user_id, joined_at) values (:g, :u, :at)")
                    .bind("g", guildId).bind("u", botUserId).bind("at", now.atOffset(ZoneOffset.UTC)).execute();
            h.createUpdate("update roles set position = position + 1 where guild_id = :g and id <> :g and position >= 1")
                    .bind("g", guildId).execute();
            h.createUpdate("""
                            insert into roles (id, guild_id, name, permissions, position, color, hoist, mentionable, managed, bot_id)
                            values (:id, :g, :name, :perms, :pos, :color, false, false, true, :bot)""")
                    .bind("id", role.id()).bind("g", guildId).bind("name", role.name()).bind("perms", role.permissions())
                    .bind("pos", role.position()).bind("color", role.color()).bind("bot", botUserId).execute();
            h.createUpdate("insert into member_roles (guild_id, user_id, role_id) values (:g, :u, :r)")
                    .bind("g", guildId).bind("u", botUserId).bind("r", role.id()).execute();
            return Outcome.INSTALLED;
        });
    }
}
