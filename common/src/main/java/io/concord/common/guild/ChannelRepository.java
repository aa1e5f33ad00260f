package io.concord.common.guild;

import io.concord.common.model.Channel;
import io.concord.common.permission.Overwrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

public final class ChannelRepository {
    private static final RowMapper<Channel> CHANNEL = (rs, ctx) -> new Channel(rs.getLong("id"), rs.getInt("type"),
            (Long) rs.getObject("guild_id"), rs.getString("name"), rs.getInt("position"), (Long) rs.getObject("parent_id"),
            rs.getString("topic"), rs.getBoolean("nsfw"), rs.getInt("rate_limit_per_user"), List.of(),
            (Integer) rs.getObject("bitrate"), (Integer) rs.getObject("user_limit"));
    private final Jdbi jdbi;

    public ChannelRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    static void insert(Handle h, Channel c) {
        h.createUpdate("""
                        insert into channels (id, guild_id, type, name, position, parent_id, topic, nsfw, rate_limit_per_user,
                                              bitrate, user_limit)
                        values (:id, :guild, :type, :name, :pos, :parent, :topic, :nsfw, :slow, :bitrate, :users)""")
                .bind("id", c.id()).bind("guild", c.guildId()).bindMap(columns(c)).execute();
        insertOverwrites(h, c.id(), c.permissionOverwrites());
    }

    private static Map<String, Object> columns(Channel c) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", c.type());
        m.put("name", c.name());
        m.put("pos", c.position());
        m.put("parent", c.parentId());
        m.put("topic", c.topic());
        m.put("nsfw", c.nsfw());
        m.put("slow", c.rateLimitPerUser());
        m.put("bitrate", c.bitrate());
        m.put("users", c.userLimit());
        return m;
    }

    private static void insertOverwrites(Handle h, long channelId, List<Overwrite> overwrites) {
        for (Overwrite ow : overwrites) {
            h.createUpdate("insert into permission_overwrites (channel_id, target_id, type, allow, deny) values (:c, :t, :type, :a, :d)")
                    .bind("c", channelId).bind("t", ow.id()).bind("type", ow.type()).bind("a", ow.allow()).bind("d", ow.deny()).execute();
        }
    }

    /** Rewrites a channel's columns and replaces its overwrites with the channel's, atomically. */
    public void update(Channel c) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            update channels set type = :type, name = :name, position = :pos, parent_id = :parent, topic = :topic,
                                nsfw = :nsfw, rate_limit_per_user = :slow, bitrate = :bitrate, user_limit = :users
                            where id = :id""")
                    .bind("id", c.id()).bindMap(columns(c)).execute();
            h.createUpdate("delete from permission_overwrites where channel_id = :c").bind("c", c.id()).execute();
            insertOverwrites(h, c.id(), c.permissionOverwrites());
        });
    }

    /** Updates several channels of a guild in one transaction (positions, parents, synced overwrites). */
    public void updateAll(List<Channel> changed) {
        jdbi.useTransaction(h -> {
            for (Channel c : changed) {
                h.createUpdate("update channels set position = :pos, parent_id = :parent where id = :id")
                        .bind("id", c.id()).bind("pos", c.position()).bind("parent", c.parentId()).execute();
                h.createUpdate("delete from permission_overwrites where channel_id = :c").bind("c", c.id()).execute();
                insertOverwrites(h, c.id(), c.permissionOverwrites());
            }
        });
    }

    /** Creates or replaces one overwrite. */
    public void putOverwrite(long channelId, Overwrite ow) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into permission_overwrites (channel_id, target_id, type, allow, deny) values (:c, :t, :type, :a, :d)
                        on conflict (channel_id, target_id) do update set type = excluded.type, allow = excluded.allow, deny = excluded.deny""")
                .bind("c", channelId).bind("t", ow.id()).bind("type", ow.type()).bind("a", ow.allow()).bind("d", ow.deny()).execute());
    }

    /** False when the channel had no overwrite for that id. */
    public boolean deleteOverwrite(long channelId, long targetId) {
        return jdbi.withHandle(h -> h.createUpdate("delete from permission_overwrites where channel_id = :c and target_id = :t")
                .bind("c", channelId).bind("t", targetId).execute()) == 1;
    }

    /** Deletes the channel; returns the ids of the channels it was the category of (now without a parent). */
    public List<Long> delete(long channelId) {
        return jdbi.inTransaction(h -> {
            List<Long> orphans = h.createQuery("update channels set parent_id = null where parent_id = :c returning id")
                    .bind("c", channelId).mapTo(Long.class).list();
            h.createUpdate("delete from channels where id = :c").bind("c", channelId).execute();
            return orphans;
        });
    }

    public void insert(Channel channel) {
        jdbi.useTransaction(h -> insert(h, channel));
    }

    public Optional<Channel> find(long channelId) {
        return jdbi.withHandle(h -> h.createQuery("select * from channels where id = :id").bind("id", channelId).map(CHANNEL).findOne()
                .map(c -> c.withOverwrites(overwrites(h, List.of(c.id())).getOrDefault(c.id(), List.of()))));
    }

    /** A guild's channels with their overwrites, in position order. */
    public List<Channel> inGuild(long guildId) {
        return jdbi.withHandle(h -> {
            List<Channel> list = h.createQuery("select * from channels where guild_id = :g order by position, id")
                    .bind("g", guildId).map(CHANNEL).list();
            Map<Long, List<Overwrite>> ow = overwrites(h, list.stream().map(Channel::id).toList());
            return list.stream().map(c -> c.withOverwrites(ow.getOrDefault(c.id(), List.of()))).toList();
        });
    }

    public int countInGuild(long guildId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from channels where guild_id = :g").bind("g", guildId)
                .mapTo(Integer.class).one());
    }

    private static Map<Long, List<Overwrite>> overwrites(Handle h, List<Long> channelIds) {
        Map<Long, List<Overwrite>> map = new HashMap<>();
        if (channelIds.isEmpty()) return map;
        h.createQuery("select * from permission_overwrites where channel_id = any(:ids) order by target_id")
                .bind("ids", channelIds.stream().mapToLong(Long::longValue).toArray())
                .map((rs, ctx) -> Map.entry(rs.getLong("channel_id"),
                        new Overwrite(rs.getLong("target_id"), rs.getInt("type"), rs.getLong("allow"), rs.getLong("deny"))))
                .forEach(e -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return map;
    }
}
