package io.concord.fanout;

import io.concord.common.event.GuildEvent;
import io.concord.common.event.UserScopedEvents;
import io.concord.common.event.RelaySource;
import io.concord.common.lease.StreamHandler;
import io.concord.common.routing.InterestRegistry;
import io.concord.common.routing.NodeRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

/**
 * Relays one guild event to the relay stream of each live ws-node holding sessions of that guild (or
 * of a user it targets): one copy per node, whatever the number of sessions there. Returning means
 * every copy is appended, so the entry may be acknowledged.
 */
final class FanoutHandler implements StreamHandler {
    private static final long ALIVE_CACHE_MS = 1_000;
    private final RedisClient redis;
    private final InterestRegistry interest;
    private final NodeRegistry nodes;
    private final Clock clock;
    private final long relayMaxLength;
    private final Map<Integer, Long> aliveUntil = new ConcurrentHashMap<>();
    private final RecentJoins recentJoins;
    private final Counter events;
    private final Counter copies;
    private final Histogram relayDuration;

    FanoutHandler(RedisClient redis, InterestRegistry interest, NodeRegistry nodes, Clock clock, long relayMaxLength, PrometheusRegistry registry) {
        this.redis = redis;
        this.interest = interest;
        this.nodes = nodes;
        this.clock = clock;
        this.recentJoins = new RecentJoins(clock);
        this.relayMaxLength = relayMaxLength;
        this.events = Counter.builder().name("fanout_events_total").help("Guild events read").labelNames("event").register(registry);
        this.copies = Counter.builder().name("fanout_relayed_total").help("Copies appended to ws-node relay streams").register(registry);
        this.relayDuration = Histogram.builder().name("fanout_relay_duration_seconds").help("Time to relay one event to every node")
                .register(registry);
    }

    @Override
    public void handle(int partition, StreamEntryID id, GuildEvent event) {
        long start = System.nanoTime();
        boolean userScoped = UserScopedEvents.only(event.type());
        Set<Integer> targets = interest.nodesFor(userScoped ? 0 : event.guildId(), event.userIds());
        if (event.guildId() != 0 && !userScoped) {
            recentJoins.addTo(event.guildId(), targets);
            if (event.type().equals("GUILD_MEMBER_ADD")) recentJoins.joined(event.guildId(), targets);
        }
        Map<String, String> fields = event.toFields();
        // The ws-node tracks per partition how far it read, which a resume on another node continues from.
        fields.put(RelaySource.FIELD, new RelaySource(partition, id).encode());
        for (int node : targets) {
            if (!alive(node)) continue;
            redis.xadd(InterestRegistry.relayStream(node), XAddParams.xAddParams().maxLen(relayMaxLength).approximateTrimming(), fields);
            copies.inc();
        }
        events.labelValues(event.type()).inc();
        relayDuration.observe((System.nanoTime() - start) / 1e9);
    }

    /** A node whose registration expired is dead: relaying to it would only fill a stream nobody reads. */
    private boolean alive(int node) {
        long now = clock.millis();
        Long until = aliveUntil.get(node);
        if (until != null && until > now) return true;
        boolean alive = nodes.isAlive(node);
        if (alive) aliveUntil.put(node, now + ALIVE_CACHE_MS);
        else aliveUntil.remove(node);
        return alive;
    }
}
