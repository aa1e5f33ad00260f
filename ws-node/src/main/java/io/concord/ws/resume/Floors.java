package io.concord.ws.resume;

import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;

/**
 * A session's floors (see {@link ResumeTracker.Track#floors}), by partition in an array: the
 * router asks {@link #covers} for every delivery and the checkpoint pass encodes them into every
 * busy session's cut each second, so both must be cheap. Immutable; each piece's cut text
 * ({@code p=id}) is made once.
 */
final class Floors {
    static final Floors NONE = new Floors(new StreamEntryID[0]);
    /** By partition; null where there is no floor. */
    private final StreamEntryID[] ids;
    private final String[] texts;
    private final int count;

    private Floors(StreamEntryID[] ids) {
        this.ids = ids;
        this.texts = new String[ids.length];
        int n = 0;
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] == null) continue;
            texts[p] = p + "=" + ids[p];
            n++;
        }
        this.count = n;
    }

    static Floors of(Map<Integer, StreamEntryID> floors) {
        if (floors.isEmpty()) return NONE;
        int size = floors.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        StreamEntryID[] ids = new StreamEntryID[size];
        floors.forEach((p, id) -> ids[p] = id);
        return new Floors(ids);
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** True when the entry {@code id} of {@code partition} is at or below this floor. */
    boolean covers(int partition, StreamEntryID id) {
        if (partition < 0 || partition >= ids.length) return false;
        StreamEntryID floor = ids[partition];
        return floor != null && id.compareTo(floor) <= 0;
    }

    /** Without the partitions the node has routed past ({@code this} when there are none). */
    Floors settle(Routed routed) {
        if (count == 0) return this;
        StreamEntryID[] left = null;
        for (int p = 0; p < ids.length; p++) {
            StreamEntryID r = routed.at(p);
            if (ids[p] == null || r == null || r.compareTo(ids[p]) < 0) continue;
            if (left == null) left = ids.clone();
            left[p] = null;
        }
        return left == null ? this : new Floors(left);
    }

    Map<Integer, StreamEntryID> asMap() {
        Map<Integer, StreamEntryID> m = new HashMap<>();
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] != null) m.put(p, ids[p]);
        }
        return m;
    }

    /**
     * The cut's positions ({@link Cut#positionsText}'s format): per partition the later of this
     * floor and what the node has routed.
     */
    String cutText(Routed routed) {
        if (count == 0) return routed.text();
        StringBuilder b = new StringBuilder(routed.text().length() + count * 24);
        int n = Math.max(ids.length, routed.size());
        for (int p = 0; p < n; p++) {
            StreamEntryID floor = p < ids.length ? ids[p] : null;
            StreamEntryID r = routed.at(p);
            String piece = floor == null ? (r == null ? null : routed.piece(p))
                    : r == null || floor.compareTo(r) >= 0 ? texts[p] : routed.piece(p);
            if (piece == null) continue;
            if (!b.isEmpty()) b.append(',');
            b.append(piece);
        }
        return b.toString();
    }

    /** The node's routed positions of one checkpoint pass, by partition, with their cut text made once. */
    static final class Routed {
        private final StreamEntryID[] ids;
        private final String[] pieces;
        private String text;

        Routed(Map<Integer, StreamEntryID> routed) {
            int size = routed.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
            ids = new StreamEntryID[size];
            pieces = new String[size];
            routed.forEach((p, id) -> {
                ids[p] = id;
                pieces[p] = p + "=" + id;
            });
        }

        int size() {
            return ids.length;
        }

        StreamEntryID at(int p) {
            return p < ids.length ? ids[p] : null;
        }

        String piece(int p) {
            return pieces[p];
        }

        String text() {
            if (text == null) {
                StringBuilder b = new StringBuilder();
                for (String piece : pieces) {
                    if (piece == null) continue;
                    if (!b.isEmpty()) b.append(',');
                    b.append(piece);
                }
                text = b.toString();
            }
            return text;
        }
    }
}
