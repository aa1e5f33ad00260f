package io.concord.common.event;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * What a stream still holds, read from {@code XINFO STREAM}. Redis 7.0 records the highest id an
 * {@code XDEL} removed ({@code max-deleted-entry-id}) but not what trimming removed, so trimming is
 * judged from the first entry left and the count of entries ever added.
 */
public record StreamHistory(StreamEntryID maxDeleted, long length, long entriesAdded, StreamEntryID firstEntry,
                            StreamEntryID lastGenerated) {

    public static StreamHistory of(Map<String, Object> info) {
        return new StreamHistory(id(info.get("max-deleted-entry-id")), number(info.get("length")), number(info.get("entries-added")),
                id(info.get("first-entry")), id(info.get("last-generated-id")));
    }

    /** True when every entry ever added after {@code from} is still there (conservative: false when unsure). */
    public boolean holdsEverythingAfter(StreamEntryID from) {
        if (maxDeleted == null || maxDeleted.compareTo(from) > 0) return false;
        if (entriesAdded == length) return true; // nothing was ever trimmed
        // Trimming removes from the head: if from is still at or after the first entry, nothing after it went.
        if (firstEntry != null) return firstEntry.compareTo(from) <= 0;
        return lastGenerated != null && lastGenerated.compareTo(from) <= 0;
    }

    private static StreamEntryID id(Object value) {
        return switch (value) {
            case null -> null;
            case StreamEntryID id -> id;
            case StreamEntry e -> e.getID();
            case byte[] b -> new StreamEntryID(new String(b, StandardCharsets.UTF_8));
            default -> new StreamEntryID(value.toString());
        };
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }
}
