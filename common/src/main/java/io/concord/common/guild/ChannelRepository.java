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
            rs.getString("topic"), rs.getBoolean("nsfw"), rs.getInt("rate_limit_per_user"), List.of());
    private final Jdbi jdbi;

    public ChannelRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    static void insert(Handle h, Channel c) {
        h.createUpdate("""
                        insert into channels (id, guild_id, type, name, position, parent_id, topic, nsfw, rate_limit_per_user)
                        values (:id, :guild, :type, :name, :pos, :parent, :topic, :nsfw, :slow)""")
                .bind("id", c.id()).bind("guild", c.guildId()).bind("type", c.type()).bind("name", c.name())
                .bind("pos", c.position()).bind("parent", c.parentId()).bind("topic", c.topic()).bind("nsfw", c.nsfw())
                .bind("slow", c.rateLimitPerUser()).execute();
        for (Overwrite ow : c.permissionOverwrites()) {
            h.createUpdate("insert into permission_overwrites (channel_id, target_id, type, allow, deny) values (:c, :t, :type, :a, :d)")
                    .bind("c", c.id()).bind("t", ow.id()).bind("type", ow.type()).bind("a", ow.allow()).bind("d", ow.deny()).execute();
        }
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
