package io.concord.ws.relay;

import io.concord.common.event.RelaySource;
import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;

/**
 * How far this node has routed each guild stream partition: the last source entry id seen on the
 * relay. A relayed copy at or below it is a repeat (the fanout redelivers after a lease moves) and is
 * dropped. Guarded by the registry's routing lock, like everything the router changes.
 */
public final class RoutedPositions {
    private final Map<Integer, StreamEntryID> last = new HashMap<>();

    /** Records the source; false when it was already routed. */
    boolean advance(RelaySource src) {
        StreamEntryID current = last.get(src.partition());
        if (current != null && current.compareTo(src.id()) >= 0) return false;
        last.put(src.partition(), src.id());
        return true;
    }

    /** A copy, read under the routing lock. */
    public Map<Integer, StreamEntryID> snapshot() {
        return Map.copyOf(last);
    }
}
