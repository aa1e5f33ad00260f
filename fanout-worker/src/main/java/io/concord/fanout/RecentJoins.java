package io.concord.fanout;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nodes a member just joined a guild on, for a while. The node registers its interest in the
 * guild only once it has routed the GUILD_MEMBER_ADD, and this worker has usually read the guild's
 * next entries by then: without this, the first messages after a join would never reach the new
 * member's sessions (nor match what a resume rebuilds from the streams for them).
 */
final class RecentJoins {
    /** Far longer than a node takes to route one entry and register; after it, its own interest counts. */
    static final long GRACE_MS = 30_000;
    private final Clock clock;
    private final Map<Long, Map<Integer, Long>> byGuild = new ConcurrentHashMap<>();
    private volatile long nextSweepMs;

    RecentJoins(Clock clock) {
        this.clock = clock;
    }

    void joined(long guildId, Collection<Integer> nodes) {
        if (nodes.isEmpty()) return;
        long until = clock.millis() + GRACE_MS;
        Map<Integer, Long> joins = byGuild.computeIfAbsent(guildId, g -> new ConcurrentHashMap<>());
        nodes.forEach(n -> joins.put(n, until));
    }

    /** Adds the nodes whose members joined the guild within the grace period. */
    void addTo(long guildId, Set<Integer> targets) {
        long now = clock.millis();
        if (now >= nextSweepMs) sweep(now);
        Map<Integer, Long> joins = byGuild.get(guildId);
        if (joins == null) return;
        joins.forEach((node, until) -> {
            if (until > now) targets.add(node);
        });
    }

    private void sweep(long now) {
        nextSweepMs = now + GRACE_MS;
        byGuild.values().forEach(joins -> joins.values().removeIf(until -> until <= now));
        byGuild.values().removeIf(Map::isEmpty);
    }
}
