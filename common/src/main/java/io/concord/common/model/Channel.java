package io.concord.common.model;

import io.concord.common.json.IdString;
import io.concord.common.permission.Overwrite;
import java.util.List;

/** Discord's guild channel object (text and category for now). */
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
        List<Overwrite> permissionOverwrites) {

    public Channel withOverwrites(List<Overwrite> overwrites) {
        return new Channel(id, type, guildId, name, position, parentId, topic, nsfw, rateLimitPerUser, List.copyOf(overwrites));
    }
}
