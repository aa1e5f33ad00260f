package io.concord.common.event;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One dispatch on its way from an api-node to the ws-nodes: the Discord event name, the guild (or DM
 * channel) it belongs to, the channel it concerns (0 for guild-wide events), users it must also reach
 * even where their nodes do not hold the guild yet (a member who just joined), and the {@code d}
 * payload, already encoded once as JSON.
 */
public record GuildEvent(String type, long guildId, long channelId, List<Long> userIds, String payload) {

    public GuildEvent {
        userIds = List.copyOf(userIds);
    }

    public Map<String, String> toFields() {
        Map<String, String> f = new HashMap<>();
        f.put("t", type);
        f.put("g", Long.toString(guildId));
        f.put("c", Long.toString(channelId));
        if (!userIds.isEmpty()) f.put("u", String.join(",", userIds.stream().map(String::valueOf).toList()));
        f.put("d", payload);
        return f;
    }

    public static GuildEvent fromFields(Map<String, String> f) {
        String u = f.getOrDefault("u", "");
        List<Long> users = u.isEmpty() ? List.of() : Arrays.stream(u.split(",")).map(Long::parseLong).toList();
        return new GuildEvent(f.get("t"), Long.parseLong(f.get("g")), Long.parseLong(f.getOrDefault("c", "0")), users, f.get("d"));
    }
}
