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
            rs.getLong("owner_id"), (Long) rs.getObject("system_channel_id"));
    static final RowMapper<Role> ROLE = (rs, ctx) -> Role.create(rs.getLong("id"), rs.getString("name"), rs.getInt("color"),
            rs.getBoolean("hoist"), rs.getInt("position"), rs.getLong("permissions"), rs.getBoolean("managed"), rs.getBoolean("mentionable"));
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
                        insert into roles (id, guild_id, name, permissions, position, color, hoist, mentionable, managed)
                        values (:id, :guild, :name, :perms, :pos, :color, :hoist, :mentionable, :managed)""")
                .bind("id", role.id()).bind("guild", guildId).bind("name", role.name()).bind("perms", role.permissions())
                .bind("pos", role.position()).bind("color", role.color()).bind("hoist", role.hoist())
                .bind("mentionable", role.mentionable()).bind("managed", role.managed()).execute();
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
