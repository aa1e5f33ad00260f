package io.concord.ws.support;

import io.concord.common.event.GuildEvent;
import io.concord.common.json.Json;
import io.concord.common.model.Channel;
import io.concord.common.permission.Overwrite;
import io.concord.common.store.Postgres;
import io.concord.common.test.TestStack;
import java.util.List;

/**
 * Changes to roles, overwrites, members and guilds made the way an api-node would make them (the
 * row first), plus the events it would then publish, with payloads shaped like its own.
 */
public final class AccessEdits implements AutoCloseable {
    private final Postgres postgres = Postgres.connect(TestStack.stores());
    private final TestWorld world;

    public AccessEdits(TestWorld world) {
        this.world = world;
    }

    /** Replaces every overwrite of the channel. */
    public void setOverwrites(long channelId, List<Overwrite> overwrites) {
        postgres.jdbi().useTransaction(h -> {
            h.execute("delete from permission_overwrites where channel_id = ?", channelId);
            for (Overwrite o : overwrites) {
                h.execute("insert into permission_overwrites (channel_id, target_id, type, allow, deny) values (?, ?, ?, ?, ?)",
                        channelId, o.id(), o.type(), o.allow(), o.deny());
            }
        });
    }

    /** A role at {@code position} with these guild-level permissions. */
    public long role(long guildId, String name, long permissions, int position, int color) {
        long roleId = world.id();
        postgres.jdbi().useHandle(h -> h.execute(
                "insert into roles (id, guild_id, name, permissions, position, color) values (?, ?, ?, ?, ?, ?)",
                roleId, guildId, name, permissions, position, color));
        return roleId;
    }

    public void deleteChannel(long channelId) {
        postgres.jdbi().useHandle(h -> h.execute("delete from channels where id = ?", channelId));
    }

    public void removeMember(long guildId, long userId) {
        postgres.jdbi().useHandle(h -> h.execute("delete from members where guild_id = ? and user_id = ?", guildId, userId));
    }

    public void deleteGuild(long guildId) {
        postgres.jdbi().useHandle(h -> h.execute("delete from guilds where id = ?", guildId));
    }

    /** The channel object as stored now, as CHANNEL_CREATE/UPDATE/DELETE carry it. */
    public String channelPayload(long channelId) {
        Channel c = world.channels.find(channelId).orElseThrow();
        return Json.write(c);
    }

    public static GuildEvent channelEvent(String type, long guildId, long channelId, String payload) {
        return new GuildEvent(type, guildId, channelId, List.of(), payload);
    }

    /** A USER_UPDATE for these users (guild 0): every session of theirs gets it, whatever its intents. */
    public static GuildEvent marker(String username, Long... userIds) {
        return new GuildEvent("USER_UPDATE", 0, 0, List.of(userIds),
                "{\"id\":\"" + userIds[0] + "\",\"username\":\"" + username + "\",\"discriminator\":\"0\"}");
    }

    @Override
    public void close() {
        postgres.close();
    }
}
