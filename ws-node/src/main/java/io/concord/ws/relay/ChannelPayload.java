package io.concord.ws.relay;

import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.Overwrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * What a CHANNEL_CREATE/UPDATE/DELETE payload (a Discord channel object) says about access: its id
 * and, when present, its {@code permission_overwrites} (allow and deny as unsigned decimal strings).
 */
record ChannelPayload(OptionalLong id, Optional<List<Overwrite>> overwrites) {

    static ChannelPayload parse(String payload) {
        JsonNode d;
        try {
            d = Json.parse(payload);
        } catch (Json.MalformedJson e) {
            return new ChannelPayload(OptionalLong.empty(), Optional.empty());
        }
        return new ChannelPayload(id(d.path("id")), overwrites(d.path("permission_overwrites")));
    }

    private static Optional<List<Overwrite>> overwrites(JsonNode list) {
        if (!list.isArray()) return Optional.empty();
        List<Overwrite> out = new ArrayList<>();
        for (JsonNode o : list) {
            OptionalLong target = id(o.path("id"));
            OptionalLong allow = bits(o.path("allow"));
            OptionalLong deny = bits(o.path("deny"));
            int type = o.path("type").asInt(-1);
            // An entry we cannot read would be guessed wrong either way; the caller reloads instead.
            if (target.isEmpty() || allow.isEmpty() || deny.isEmpty() || (type != Overwrite.ROLE && type != Overwrite.MEMBER)) {
                return Optional.empty();
            }
            out.add(new Overwrite(target.getAsLong(), type, allow.getAsLong(), deny.getAsLong()));
        }
        return Optional.of(List.copyOf(out));
    }

    /** The guild's access data with this channel's overwrites replaced (or the channel added). */
    static GuildAccess withChannel(GuildAccess access, long channelId, List<Overwrite> overwrites) {
        Map<Long, List<Overwrite>> channels = new HashMap<>(access.channelOverwrites());
        channels.put(channelId, overwrites);
        return new GuildAccess(access.guildId(), access.ownerId(), access.rolePermissions(), channels);
    }

    static GuildAccess withoutChannel(GuildAccess access, long channelId) {
        Map<Long, List<Overwrite>> channels = new HashMap<>(access.channelOverwrites());
        channels.remove(channelId);
        return new GuildAccess(access.guildId(), access.ownerId(), access.rolePermissions(), channels);
    }

    private static OptionalLong id(JsonNode node) {
        return node.isString() ? Snowflakes.parse(node.stringValue()) : OptionalLong.empty();
    }

    private static OptionalLong bits(JsonNode node) {
        try {
            if (node.isString()) return OptionalLong.of(Long.parseUnsignedLong(node.stringValue()));
            if (node.isIntegralNumber() && node.canConvertToLong()) return OptionalLong.of(node.longValue());
        } catch (NumberFormatException e) {
            // fall through
        }
        return OptionalLong.empty();
    }
}
