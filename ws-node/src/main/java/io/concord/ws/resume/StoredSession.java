package io.concord.ws.resume;

import io.concord.ws.session.Intents;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A session as kept in Redis ({@code gw-session:{id}}): who it is, what it asked for, which node
 * holds it, the generation (grows each time a node takes it over; a holder writes only while its
 * generation is current) and its last few {@link Cut}s, newest first. Several cuts, because the
 * newest may count dispatches that were queued but never reached the client.
 */
public record StoredSession(long userId, Intents intents, int largeThreshold, int node, long generation, List<Cut> cuts) {
    /** Cuts kept per session; written at most once a second while the session is connected. */
    static final int CUTS = 4;

    /** The fields that do not change while one node holds the session. */
    static Map<String, String> identity(long userId, Intents intents, int largeThreshold, int node, long generation) {
        Map<String, String> f = new HashMap<>();
        f.put("user", Long.toString(userId));
        f.put("intents", intents.declared() ? Long.toString(intents.bits()) : "");
        f.put("lt", Integer.toString(largeThreshold));
        f.put("node", Integer.toString(node));
        f.put("gen", Long.toString(generation));
        return f;
    }

    /** The newest cut the client has seen all of. */
    Optional<Cut> cutAtOrBefore(long clientSeq) {
        // The newest such cut; a pass that planned before a write-ahead may land after it, out of order.
        // Of two with the same seq, the one further along the streams (a write-ahead counting no
        // dispatch, written when a large-guild subscription changed, is further than a pass planned before it).
        Cut best = null;
        for (Cut c : cuts) {
            if (c.seq() > clientSeq) continue;
            if (best == null || c.seq() > best.seq() || (c.seq() == best.seq() && c.reachesPast(best) && !best.reachesPast(c))) best = c;
        }
        return Optional.ofNullable(best);
    }

    /**
     * The kept cuts after {@code from} (further along the streams, at least its seq), oldest first: a
     * rebuild from {@code from} must reach each with exactly the dispatches it counts, else something
     * was sent that no rebuild can reproduce.
     */
    List<Cut> after(Cut from) {
        List<Cut> later = new java.util.ArrayList<>();
        for (Cut c : cuts) {
            if (c != from && c.seq() >= from.seq() && c.reachesPast(from) && !(c.seq() == from.seq() && from.reachesPast(c))) later.add(c);
        }
        later.sort((a, b) -> {
            if (a.seq() != b.seq()) return Long.compare(a.seq(), b.seq());
            boolean ab = a.reachesPast(b);
            boolean ba = b.reachesPast(a);
            return ab == ba ? 0 : ab ? 1 : -1;
        });
        return later;
    }

    /** Empty when a field is missing or unreadable (then the session cannot be resumed). */
    static Optional<StoredSession> fromFields(Map<String, String> f) {
        try {
            String intents = f.get("intents");
            String cuts = f.getOrDefault("cuts", "");
            return Optional.of(new StoredSession(Long.parseLong(f.get("user")),
                    intents.isEmpty() ? Intents.UNDECLARED : Intents.of(Long.parseLong(intents)),
                    Integer.parseInt(f.get("lt")), Integer.parseInt(f.get("node")), Long.parseLong(f.get("gen")),
                    cuts.isEmpty() ? List.of() : Arrays.stream(cuts.split(";")).map(Cut::decode).toList()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
