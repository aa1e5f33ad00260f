package io.concord.common.model;

import io.concord.common.json.IdString;
import io.concord.common.permission.Overwrite;
import java.util.List;

/** Discord's guild channel object: text, voice, category and announcement; {@code bitrate}/{@code user_limit} for voice only. */
public record Channel(
        @IdString long id,
        int type,
        @IdString Long guildId,
        String name,
        int position,
        @IdString Long parentId,
        String topic,
        boolean nsfw,
        int rateLimitPerUser,
        List<Overwrite> permissionOverwrites,
        Integer bitrate,
        Integer userLimit) {

    /** A channel without voice settings. */
    public Channel(long id, int type, Long guildId, String name, int position, Long parentId, String topic, boolean nsfw,
                   int rateLimitPerUser, List<Overwrite> permissionOverwrites) {
        this(id, type, guildId, name, position, parentId, topic, nsfw, rateLimitPerUser, permissionOverwrites, null, null);
    }

    public Channel withOverwrites(List<Overwrite> overwrites) {
        return new Channel(id, type, guildId, name, position, parentId, topic, nsfw, rateLimitPerUser, List.copyOf(overwrites), bitrate, userLimit);
    }

    public Channel withPosition(int newPosition, Long newParentId) {
        return new Channel(id, type, guildId, name, newPosition, newParentId, topic, nsfw, rateLimitPerUser, permissionOverwrites, bitrate, userLimit);
    }
}
