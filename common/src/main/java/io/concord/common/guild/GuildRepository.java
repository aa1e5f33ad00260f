package io.concord.common.guild;

import io.concord.common.model.Channel;
import io.concord.common.model.Role;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.Overwrite;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Guilds and their roles; what the permission engine needs about a guild. */
public final class GuildRepository {
    private static final RowMapper<GuildRow> GUILD = (rs, ctx) -> new GuildRow(rs.getLong("id"), rs.getString("name"),
            rs.getLong("owner_id"), (Long) rs.getObject("system_channel_id"), rs.getString("icon"), rs.getString("description"),
            rs.getInt("verification_level"), rs.getInt("default_message_notifications"), rs.getInt("explicit_content_filter"),
            rs.getString("preferred_locale"), rs.getInt("afk_timeout"));
    static final RowMapper<Role> ROLE = (rs, ctx) -> new Role(rs.getLong("id"), rs.getString("name"), rs.getInt("color"),
            new Role.Colors(rs.getInt("color"), (Integer) rs.getObject("secondary_color"), (Integer) rs.getObject("tertiary_color")),
            rs.getBoolean("hoist"), rs.getString("icon"), rs.getString("unicode_emoji"), rs.getInt("position"), rs.getLong("permissions"),
            rs.getBoolean("managed"), rs.getBoolean("mentionable"), 0,
            rs.getObject("bot_id") == null ? null : Role.Tags.bot(rs.getLong("bot_id")));
    private final Jdbi jdbi;
    private final ChannelRepository channels;

    public GuildRepository(Jdbi jdbi, ChannelRepository channels) {
        this.jdbi = jdbi;
        this.channels = channels;
    }

    /** Creates the guild with its @everyone role, channels and the owner's membership, atomically. */
    public void create(GuildRow guild, Role everyone, List<Channel> initialChannels, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("insert into guilds (id, name, owner_id, system_channel_id) values (:id, :name, :owner, :system)")
                    .bind("id", guild.id()).bind("name", guild.name()).bind("owner", guild.ownerId())
                    .bind("system", guild.systemChannelId()).execute();
            insertRole(h, guild.id(), everyone);
            for (Channel c : initialChannels) ChannelRepository.insert(h, c);
            h.createUpdate("insert into members (guild_id, user_id, joined_at) values (:g, :u, :at)")
                    .bind("g", guild.id()).bind("u", guild.ownerId()).bind("at", now.atOffset(ZoneOffset.UTC)).execute();
        });
    }

    static void insertRole(Handle h, long guildId, Role role) {
        h.createUpdate("""
                        insert into roles (id, guild_id, name, permissions, position, color, secondary_color, tertiary_color,
                                           hoist, icon, unicode_emoji, mentionable, managed)
                        values (:id, :guild, :name, :perms, :pos, :color, :secondary, :tertiary,
                                :hoist, :icon, :emoji, :mentionable, :managed)""")
                .bind("id", role.id()).bind("guild", guildId).bind("managed", role.managed())
                .bindMap(roleColumns(role)).execute();
    }

    private static Map<String, Object> roleColumns(Role role) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", role.name());
        m.put("perms", role.permissions());
        m.put("pos", role.position());
        m.put("color", role.colors().primaryColor());
        m.put("secondary", role.colors().secondaryColor());
        m.put("tertiary", role.colors().tertiaryColor());
        m.put("hoist", role.hoist());
        m.put("icon", role.icon());
        m.put("emoji", role.unicodeEmoji());
        m.put("mentionable", role.mentionable());
        return m;
    }

    /** Locks the guild row for the rest of the transaction, so concurrent edits of its roles or channels queue up. */
    static boolean lock(Handle h, long guildId) {
        return h.createQuery("select id from guilds where id = :g for update").bind("g", guildId).mapTo(Long.class).findOne().isPresent();
    }

    /**
     * Adds a role at position 1, moving every other role except @everyone up by one; false when the
     * guild already has {@code maxRoles} roles (counting @everyone).
     */
    public boolean createRoleAtBottom(long guildId, Role role, int maxRoles) {
        return jdbi.inTransaction(h -> {
            if (!lock(h, guildId)) return false;
            int count = h.createQuery("select count(*) from roles where guild_id = :g").bind("g", guildId).mapTo(Integer.class).one();
            if (count >= maxRoles) return false;
            h.createUpdate("update roles set position = position + 1 where guild_id = :g and id <> :g and position >= 1")
                    .bind("g", guildId).execute();
            insertRole(h, guildId, role.withPosition(1));
            return true;
        });
    }

    public Optional<Role> role(long guildId, long roleId) {
        return jdbi.withHandle(h -> h.createQuery("select * from roles where guild_id = :g and id = :id")
                .bind("g", guildId).bind("id", roleId).map(ROLE).findOne());
    }

    /** Rewrites a role's editable columns (not its id, guild or managed flag). */
    public void updateRole(long guildId, Role role) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update roles set name = :name, permissions = :perms, position = :pos, color = :color,
                            secondary_color = :secondary, tertiary_color = :tertiary, hoist = :hoist, icon = :icon,
                            unicode_emoji = :emoji, mentionable = :mentionable
                        where guild_id = :guild and id = :id""")
                .bind("id", role.id()).bind("guild", guildId).bindMap(roleColumns(role)).execute());
    }

    /** Sets the positions of several roles at once. */
    public void setRolePositions(long guildId, Map<Long, Integer> positions) {
        jdbi.useTransaction(h -> {
            lock(h, guildId);
            var batch = h.prepareBatch("update roles set position = :pos where guild_id = :g and id = :id");
            positions.forEach((id, pos) -> batch.bind("g", guildId).bind("id", id).bind("pos", pos).add());
            if (!positions.isEmpty()) batch.execute();
        });
    }

    /**
     * Deletes a role, who holds it (cascade) and the channel overwrites that name it; returns the ids of
     * the channels that lost an overwrite.
     */
    public List<Long> deleteRole(long guildId, long roleId) {
        return jdbi.inTransaction(h -> {
            List<Long> touched = h.createQuery("""
                            delete from permission_overwrites o using channels c
                            where o.channel_id = c.id and c.guild_id = :g and o.target_id = :r and o.type = 0
                            returning o.channel_id""")
                    .bind("g", guildId).bind("r", roleId).mapTo(Long.class).list();
            h.createUpdate("delete from roles where guild_id = :g and id = :r").bind("g", guildId).bind("r", roleId).execute();
            return touched;
        });
    }

    /** Rewrites the guild's settings (everything but its id). */
    public void update(GuildRow g) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update guilds set name = :name, owner_id = :owner, icon = :icon, system_channel_id = :system,
                            description = :description, verification_level = :verification,
                            default_message_notifications = :notifications, explicit_content_filter = :filter,
                            preferred_locale = :locale, afk_timeout = :afk
                        where id = :id""")
                .bind("id", g.id()).bind("name", g.name()).bind("owner", g.ownerId()).bind("icon", g.icon())
                .bind("system", g.systemChannelId()).bind("description", g.description())
                .bind("verification", g.verificationLevel()).bind("notifications", g.defaultMessageNotifications())
                .bind("filter", g.explicitContentFilter()).bind("locale", g.preferredLocale()).bind("afk", g.afkTimeout())
                .execute());
    }

    /** Deletes the guild and everything in it (roles, channels, members, invites cascade). */
    public boolean delete(long guildId) {
        return jdbi.withHandle(h -> h.createUpdate("delete from guilds where id = :g").bind("g", guildId).execute()) == 1;
    }

    public Optional<GuildRow> find(long guildId) {
        return jdbi.withHandle(h -> h.createQuery("select * from guilds where id = :id").bind("id", guildId).map(GUILD).findOne());
    }

    /** The guilds a user is a member of, oldest membership first. */
    public List<GuildRow> guildsOf(long userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select g.* from guilds g join members m on m.guild_id = g.id
                        where m.user_id = :u order by m.joined_at, g.id""")
                .bind("u", userId).map(GUILD).list());
    }

    public List<Role> roles(long guildId) {
        return jdbi.withHandle(h -> h.createQuery("select * from roles where guild_id = :g order by position, id")
                .bind("g", guildId).map(ROLE).list());
    }

    /** Owner, role permissions and every channel's overwrites: enough to compute any member's permissions. */
    public Optional<GuildAccess> access(long guildId) {
        return guildLevelAccess(guildId).map(a -> {
            Map<Long, List<Overwrite>> overwrites = new HashMap<>();
            channels.inGuild(guildId).forEach(c -> overwrites.put(c.id(), c.permissionOverwrites()));
            return new GuildAccess(guildId, a.ownerId(), a.rolePermissions(), overwrites);
        });
    }

    /** Owner and role permissions only: enough for guild-level permissions, without reading any channel. */
    public Optional<GuildAccess> guildLevelAccess(long guildId) {
        return find(guildId).map(g -> {
            Map<Long, Long> rolePermissions = new HashMap<>();
            roles(guildId).forEach(r -> rolePermissions.put(r.id(), r.permissions()));
            return new GuildAccess(guildId, g.ownerId(), rolePermissions, Map.of());
        });
    }
}
