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
 * to {@code positions} (per partition) and none for later ones, while it received {@code guilds}
 * and its large-guild state was {@code lazy} (an encoded {@code lazy.LazyState}: read-on-demand
 * guilds, subscriptions, unread hints; empty for none). Encoded as {@code seq|p=id,p=id|g,g}, with
 * {@code |lazy} appended when there is one.
 */
public record Cut(long seq, Map<Integer, StreamEntryID> positions, Set<Long> guilds, String lazy) {

    public Cut(long seq, Map<Integer, StreamEntryID> positions, Set<Long> guilds) {
        this(seq, positions, guilds, "");
    }

    String encode() {
        return encode(seq, positionsText(positions), guildsText(guilds.stream().mapToLong(Long::longValue).sorted().toArray()), lazy);
    }

    /** The encoding of a cut from its parts already encoded: the checkpoint pass shares them between sessions. */
    static String encode(long seq, String positions, String guilds, String lazy) {
        StringBuilder b = new StringBuilder(24 + positions.length() + guilds.length() + lazy.length());
        b.append(seq).append('|').append(positions).append('|').append(guilds);
        if (!lazy.isEmpty()) b.append('|').append(lazy);
        return b.toString();
    }

    /** {@code p=id,p=id}, by partition. */
    static String positionsText(Map<Integer, StreamEntryID> positions) {
        StringBuilder pos = new StringBuilder();
        new TreeMap<>(positions).forEach((p, id) -> pos.append(pos.isEmpty() ? "" : ",").append(p).append('=').append(id));
        return pos.toString();
    }

    /** {@code g,g}. */
    static String guildsText(long[] guilds) {
        StringBuilder b = new StringBuilder(guilds.length * 20);
        for (long g : guilds) {
            if (!b.isEmpty()) b.append(',');
            b.append(g);
        }
        return b.toString();
    }

    /** True when this cut covers at least every entry {@code other} covers (per partition). */
    boolean reachesPast(Cut other) {
        for (Map.Entry<Integer, StreamEntryID> e : other.positions.entrySet()) {
            StreamEntryID mine = positions.get(e.getKey());
            if (mine == null || mine.compareTo(e.getValue()) < 0) return false;
        }
        return true;
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
        return new Cut(Long.parseLong(parts[0]), Map.copyOf(positions), Set.copyOf(guilds), parts.length > 3 ? parts[3] : "");
    }
}
