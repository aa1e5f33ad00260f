package io.concord.ws.relay;

import io.concord.common.event.GuildEvent;
import io.concord.common.event.RelaySource;
import io.concord.ws.lazy.LazyRouting;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.Intents;
import io.concord.ws.session.SessionRegistry;
import java.util.Collection;
import java.util.Optional;

/**
 * Hands one relayed event to every local session that may see it, by {@link EventRules}. Runs on the
 * relay reader's thread under the registry's routing lock, so per guild the sessions see events in
 * stream order, the permission cache changes in that order too, and a resume or a checkpoint never
 * sees half an event. The rules decide on this thread; the sends they decide on are then made by
 * {@link Deliveries}, split over several threads when they are many, before the lock is let go.
 */
public final class EventRouter {
    /** Takes dispatches meant for a session that is being rebuilt on resume; false lets them through. */
    public interface Diverter {
        boolean divert(GatewaySession s, Dispatch d, Optional<RelaySource> src);
    }

    private final SessionRegistry sessions;
    private final EventRules rules;
    private final GatewayMetrics metrics;
    private final RoutedPositions positions;
    private final Diverter diverter;
    private final Live live = new Live();
    private final Deliveries<GatewaySession, Dispatch> deliveries;
    /** Large guilds: read-on-demand state, and the member lists that follow every routed event. */
    private final LazyRouting lazy;
    /** The source of the event being routed; only read and written under the routing lock. */
    private Optional<RelaySource> current = Optional.empty();

    public EventRouter(SessionRegistry sessions, EventRules rules, GatewayMetrics metrics, RoutedPositions positions, Diverter diverter) {
        this(sessions, rules, metrics, positions, diverter, LazyRouting.NONE, 1, 1);
    }

    /**
     * @param deliveryThreads      the most threads one event's sends are split over
     * @param deliveryMinPerThread the fewest sends worth a thread of their own
     */
    public EventRouter(SessionRegistry sessions, EventRules rules, GatewayMetrics metrics, RoutedPositions positions, Diverter diverter,
                       LazyRouting lazy, int deliveryThreads, int deliveryMinPerThread) {
        this.deliveries = new Deliveries<>(deliveryThreads, deliveryMinPerThread);
        this.lazy = lazy;
        this.sessions = sessions;
        this.rules = rules;
        this.metrics = metrics;
        this.positions = positions;
        this.diverter = diverter;
    }

    public void route(GuildEvent event) {
        route(event, Optional.empty());
    }

    public void route(GuildEvent event, Optional<RelaySource> src) {
        sessions.routingLock().lock();
        try {
            if (src.isPresent() && !positions.advance(src.get())) return;
            current = src;
            try {
                rules.route(event, live);
            } finally {
                deliveries.flush(this::deliver);
            }
            lazy.routed(event);
        } finally {
            current = Optional.empty();
            sessions.routingLock().unlock();
        }
    }

    private void deliver(GatewaySession s, Dispatch d) {
        if (s.dispatch(d)) metrics.dispatched(d.type());
    }

    /** The node's sessions, open or detached. */
    private final class Live implements Audience<GatewaySession> {
        @Override
        public Collection<GatewaySession> inGuild(long guildId) {
            return sessions.inGuild(guildId);
        }

        @Override
        public Collection<GatewaySession> ofUser(long userId) {
            return sessions.ofUser(userId);
        }

        @Override
        public long userId(GatewaySession s) {
            return s.userId();
        }

        @Override
        public Intents intents(GatewaySession s) {
            return s.intents();
        }

        @Override
        public boolean receives(GatewaySession s, long guildId) {
            return s.inGuild(guildId);
        }

        @Override
        public boolean isReady(GatewaySession s) {
            return s.isReady();
        }

        @Override
        public int largeThreshold(GatewaySession s) {
            return s.largeThreshold();
        }

        @Override
        public void send(GatewaySession s, Dispatch d) {
            if (diverter.divert(s, d, current)) return;
            deliveries.add(s, d);
        }

        @Override
        public boolean addGuild(GatewaySession s, long guildId) {
            return sessions.addGuild(s, guildId);
        }

        @Override
        public void removeGuild(GatewaySession s, long guildId) {
            sessions.removeGuild(s, guildId);
            lazy.guildRemoved(s, guildId);
        }

        @Override
        public boolean readOnDemand(GatewaySession s, long guildId) {
            return lazy.readOnDemand(s, guildId);
        }

        @Override
        public boolean subscribed(GatewaySession s, long guildId, long channelId) {
            return lazy.subscribed(s, guildId, channelId);
        }

        @Override
        public void unread(GatewaySession s, long guildId, long channelId, long messageId) {
            lazy.unread(s, guildId, channelId, messageId);
        }

        @Override
        public void received(GatewaySession s, long guildId, boolean readOnDemand) {
            lazy.received(s, guildId, readOnDemand);
        }
    }
}
