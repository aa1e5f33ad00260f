package io.concord.common.event;

import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.StreamEntryID;

/**
 * Where a relayed event came from: its guild stream partition and entry id. The fanout adds it to
 * every relay entry (field {@code src}, {@code "<partition>:<entry id>"}), so a ws-node knows how far
 * it has read each guild stream: a resume on another node continues from there.
 */
public record RelaySource(int partition, StreamEntryID id) {
    public static final String FIELD = "src";

    public String encode() {
        return partition + ":" + id;
    }

    /** The entry's source; empty for entries written without one (tests, an older fanout). */
    public static Optional<RelaySource> of(Map<String, String> fields) {
        String src = fields.get(FIELD);
        if (src == null) return Optional.empty();
        int colon = src.indexOf(':');
        try {
            return Optional.of(new RelaySource(Integer.parseInt(src.substring(0, colon)), new StreamEntryID(src.substring(colon + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
