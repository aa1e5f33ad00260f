package io.concord.ws.resume;

import io.concord.common.event.EventStreams;
import io.concord.common.event.RelaySource;
import io.concord.ws.relay.EventRouter;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.GatewaySession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * What this node keeps per identified session for resumes elsewhere: the guild stream positions
 * its cuts start from, its generation in the {@link SessionStore}, what was last written there, and
 * while a resume rebuilds it, the live dispatches that arrived meanwhile.
 */
public final class ResumeTracker implements EventRouter.Diverter {
    /** A live dispatch held while the session is rebuilt, with the guild stream entry it came from. */
    record Pending(Dispatch dispatch, Optional<RelaySource> src) {}

    private static final StreamEntryID EMPTY = new StreamEntryID(0, 0);

    static final class Track {
        /**
         * Per partition, the stream's last entry when the session registered its interest (for a
         * resumed session: the last entry its rebuild sent). Every entry after it reaches the session
         * live. The node may still relay entries up to it (its fanout copy lags the streams): the
         * session's READY or rebuild already covered those, so they are dropped for it. A partition
         * is forgotten once the node has routed past it.
         */
        volatile Floors floors = Floors.NONE;
        volatile long generation;
        long writtenSeq = -1;
        long writtenAtMs;
        /** The generation whose identity fields are in the store; they are sent again only when it changes. */
        long identityGeneration = -1;
        /** The guild ids last encoded for a cut, and their encoding: most passes reuse it. */
        long[] encodedGuildsOf;
        String encodedGuilds;

        String guildsText(long[] guilds) {
            if (guilds != encodedGuildsOf) {
                encodedGuilds = Cut.guildsText(guilds);
                encodedGuildsOf = guilds;
            }
            return encodedGuilds;
        }
        /** Non-null while a resume rebuilds the session; guarded by the routing lock. */
        volatile List<Pending> pending;

        /** True when what this entry carries reached the session before it went live. */
        boolean covers(RelaySource src) {
            return floors.covers(src.partition(), src.id());
        }

        /** Drops the partitions the node has routed past: nothing at or below them can be relayed again. */
        void settle(Floors.Routed routed) {
            floors = floors.settle(routed);
        }
    }

    private final RedisClient redis;
    private final int partitions;
    private final ConcurrentHashMap<GatewaySession, Track> tracks = new ConcurrentHashMap<>();
    private volatile Map<Integer, StreamEntryID> lastTails = Map.of();
    private volatile Floors lastFloors = Floors.NONE;

    public ResumeTracker(RedisClient redis, int partitions) {
        this.redis = redis;
        this.partitions = partitions;
    }

    int partitions() {
        return partitions;
    }

    Track track(GatewaySession s) {
        return tracks.computeIfAbsent(s, k -> new Track());
    }

    Optional<Track> find(GatewaySession s) {
        return Optional.ofNullable(tracks.get(s));
    }

    /**
     * The session just registered its interest: every later guild stream entry either reaches it
     * live or concerns it not, so its cuts may start from the streams' current ends.
     */
    public void attached(GatewaySession s) {
        Map<Integer, StreamEntryID> tails = tails();
        Floors shared = lastFloors;
        // One Floors for a burst of sessions attaching while nothing was appended, as tails() shares its map.
        if (!tails.equals(shared.asMap())) lastFloors = shared = Floors.of(tails);
        track(s).floors = shared;
    }

    /** The session can no longer be resumed: forget it here and, unless another node holds it by now, in the store. */
    public void ended(GatewaySession s, SessionStore store) {
        Track t = tracks.remove(s);
        store.delete(s.id(), t == null ? 0 : t.generation);
    }

    /** A resumed session carries on with the old one's positions and generation. */
    void moved(GatewaySession from, GatewaySession to, long generation) {
        Track old = tracks.remove(from);
        Track t = track(to);
        if (old != null) t.floors = old.floors;
        t.generation = generation;
    }

    @Override
    public boolean divert(GatewaySession s, Dispatch d, Optional<RelaySource> src) {
        Track t = tracks.get(s);
        if (t == null) return false;
        if (src.isPresent() && t.covers(src.get())) return true;
        if (t.pending == null) return false;
        t.pending.add(new Pending(d, src));
        return true;
    }

    /** The last entry id of every partition (0-0 for an empty stream), read in one round trip. */
    Map<Integer, StreamEntryID> tails() {
        List<Response<List<StreamEntry>>> last = new ArrayList<>(partitions);
        try (AbstractPipeline p = redis.pipelined()) {
            for (int i = 0; i < partitions; i++) last.add(p.xrevrange(EventStreams.guildStream(i), "+", "-", 1));
            p.sync();
        }
        Map<Integer, StreamEntryID> tails = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            List<StreamEntry> entries = last.get(i).get();
            tails.put(i, entries.isEmpty() ? EMPTY : entries.getFirst().getID());
        }
        // Shared while nothing was appended: a burst of sessions keeps one map, not one each.
        Map<Integer, StreamEntryID> previous = lastTails;
        if (tails.equals(previous)) return previous;
        return lastTails = Map.copyOf(tails);
    }
}
