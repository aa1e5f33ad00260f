package io.concord.ws.lazy;

import io.concord.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A client's copy of one member list, as the docs tell clients to keep it: items by whole-list index,
 * only inside its subscribed ranges. SYNC replaces a range, INSERT and DELETE splice (shifting what
 * follows), UPDATE replaces one item, INVALIDATE drops a range; after each op whatever lies outside the
 * ranges is dropped. Items are kept as normalized JSON text.
 */
public final class ListClient {
    private final TreeMap<Integer, String> items = new TreeMap<>();
    private List<int[]> ranges;

    public ListClient(List<int[]> ranges) {
        this.ranges = new ArrayList<>(ranges);
    }

    public void ranges(List<int[]> ranges) {
        this.ranges = new ArrayList<>(ranges);
        clip();
    }

    /** Applies every op of a GUILD_MEMBER_LIST_UPDATE's {@code d}. */
    public void apply(JsonNode update) {
        for (JsonNode op : update.path("ops")) apply(op.path("op").asString(), op);
    }

    public void apply(String kind, JsonNode op) {
        switch (kind) {
            case "SYNC" -> {
                int from = op.path("range").get(0).asInt();
                int to = op.path("range").get(1).asInt();
                items.subMap(from, true, to, true).clear();
                int i = from;
                for (JsonNode item : op.path("items")) items.put(i++, Json.write(item));
            }
            case "INVALIDATE" -> items.subMap(op.path("range").get(0).asInt(), true, op.path("range").get(1).asInt(), true).clear();
            case "UPDATE" -> items.put(op.path("index").asInt(), Json.write(op.path("item")));
            case "INSERT" -> {
                int at = op.path("index").asInt();
                TreeMap<Integer, String> shifted = new TreeMap<>(items.headMap(at, false));
                items.tailMap(at, true).forEach((k, v) -> shifted.put(k + 1, v));
                shifted.put(at, Json.write(op.path("item")));
                items.clear();
                items.putAll(shifted);
            }
            case "DELETE" -> {
                int at = op.path("index").asInt();
                TreeMap<Integer, String> shifted = new TreeMap<>(items.headMap(at, false));
                items.tailMap(at, false).forEach((k, v) -> shifted.put(k - 1, v));
                items.clear();
                items.putAll(shifted);
            }
            default -> throw new AssertionError("unknown op " + kind);
        }
        clip();
    }

    private void clip() {
        items.keySet().removeIf(i -> ranges.stream().noneMatch(r -> i >= r[0] && i <= r[1]));
    }

    /** What the client holds, by index. */
    public Map<Integer, String> items() {
        return new TreeMap<>(items);
    }

    public List<int[]> ranges() {
        return ranges;
    }

    /** The items a fresh SYNC of the client's ranges would give, from a list of the whole list's items (normalized). */
    public Map<Integer, String> expected(List<String> whole) {
        Map<Integer, String> out = new TreeMap<>();
        for (int[] r : ranges) {
            for (int i = r[0]; i <= r[1] && i < whole.size(); i++) out.put(i, whole.get(i));
        }
        return out;
    }
}
