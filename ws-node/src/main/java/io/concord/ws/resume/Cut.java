package io.concord.ws.resume;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import redis.clients.jedis.StreamEntryID;

/**
 * A consistent cut of one session: {@code seq} dispatches were sent for every guild stream entry up
 * to {@code positions} (per partition) and none for later ones, while it received {@code guilds}.
 * Encoded as {@code seq|p=id,p=id|g,g}.
 */
public record Cut(long seq, Map<Integer, StreamEntryID> positions, Set<Long> guilds) {

    String encode() {
        StringBuilder pos = new StringBuilder();
        new TreeMap<>(positions).forEach((p, id) -> pos.append(pos.isEmpty() ? "" : ",").append(p).append('=').append(id));
        return seq + "|" + pos + "|" + String.join(",", guilds.stream().map(String::valueOf).toList());
    }

    static Cut decode(String text) {
        String[] parts = text.split("\\|", -1);
        Map<Integer, StreamEntryID> positions = new HashMap<>();
        if (!parts[1].isEmpty()) {
            for (String part : parts[1].split(",")) {
                int eq = part.indexOf('=');
                positions.put(Integer.parseInt(part.substring(0, eq)), new StreamEntryID(part.substring(eq + 1)));
            }
        }
        Set<Long> guilds = new LinkedHashSet<>();
        if (!parts[2].isEmpty()) Arrays.stream(parts[2].split(",")).map(Long::parseLong).forEach(guilds::add);
        return new Cut(Long.parseLong(parts[0]), Map.copyOf(positions), Set.copyOf(guilds));
    }
}
