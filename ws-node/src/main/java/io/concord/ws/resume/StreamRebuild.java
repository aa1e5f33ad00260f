package io.concord.ws.resume;

import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.event.StreamHistory;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.ws.guild.GuildSnapshots;
import io.concord.ws.guild.PermissionCache;
import io.concord.ws.lazy.LazyState;
import io.concord.ws.relay.Audience;
import io.concord.ws.relay.EventRules;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.Intents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Rebuilds the dispatches a session was owed after a {@link Cut}, for a resume on a node that never
 * held it: reads each guild stream partition from the cut's position (exclusive) to the given end
 * (inclusive), merges the partitions by entry id, and runs every entry through the same
 * {@link EventRules} as live routing, with a permission cache of its own (the node's follows the
 * live stream and must not be rewound).
 */
public final class StreamRebuild {
    /** A resume that would need more entries than this is refused (op 9) instead of stalling the node. */
    static final int MAX_ENTRIES = 100_000;
    private static final int PAGE = 1000;
    private final RedisClient redis;
    private final GuildRepository guilds;
    private final MemberRepository members;
    private final GuildSnapshots snapshots;
    private final Clock clock;

    public StreamRebuild(RedisClient redis, GuildRepository guilds, MemberRepository members, GuildSnapshots snapshots, Clock clock) {
        this.redis = redis;
        this.guilds = guilds;
        this.members = members;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    private record Entry(int partition, StreamEntry entry) {}

    /** Starts rebuilding a session from a cut; {@link Rebuild#advance} then reads the streams up to given ends. */
    public Rebuild start(long userId, Intents intents, int largeThreshold, Cut cut) {
        return new Rebuild(new One(userId, intents, largeThreshold, new HashSet<>(cut.guilds()), lazyState(cut)), new HashMap<>(cut.positions()),
                new EventRules(new PermissionCache(guilds, members), snapshots, clock));
    }

    /** A cut's large-guild state; one that cannot be read (never written by this code) counts as none. */
    static LazyState lazyState(Cut cut) {
        return LazyState.decode(cut.lazy()).orElseGet(LazyState::new);
    }

    /** One session being rebuilt: what it was sent after the cut, in order, and the guilds it receives by now. */
    public final class Rebuild {
        private final One session;
        private final Map<Integer, StreamEntryID> read;
        private final EventRules rules;

        private Rebuild(One session, Map<Integer, StreamEntryID> read, EventRules rules) {
            this.session = session;
            this.read = read;
            this.rules = rules;
        }

        /**
         * Routes every entry after what was read so far up to {@code ends} (inclusive), partitions
         * merged by entry id. False when a stream no longer holds the cut's position (trimmed) or
         * the range is too long.
         */
        public boolean advance(Map<Integer, StreamEntryID> ends) {
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<Integer, StreamEntryID> end : ends.entrySet()) {
                int p = end.getKey();
                StreamEntryID from = read.get(p);
                if (from == null) return false;
                if (from.compareTo(end.getValue()) >= 0) continue;
                if (!retained(p, from) || !StreamRebuild.this.read(p, from, end.getValue(), entries)) return false;
                read.put(p, end.getValue());
            }
            entries.sort(Comparator.<Entry, StreamEntryID>comparing(e -> e.entry().getID()).thenComparingInt(Entry::partition));
            for (Entry e : entries) rules.route(GuildEvent.fromFields(e.entry().getFields()), session);
            return true;
        }

        public List<Dispatch> dispatches() {
            return List.copyOf(session.sent);
        }

        public Set<Long> guilds() {
            return Set.copyOf(session.guilds);
        }

        /** The session's large-guild state as the rebuild left it (subscriptions, read-on-demand guilds, unread hints). */
        public LazyState lazy() {
            return session.lazy;
        }

        /**
         * The rebuild reached a later cut: from here on the session's deliveries are decided with the
         * subscriptions that cut recorded (changed by an op 14/37 in between).
         */
        void checkpointed(Cut later) {
            session.lazy.adoptDecisions(lazyState(later));
        }
    }

    /** Nothing after {@code from} was trimmed or deleted. */
    private boolean retained(int partition, StreamEntryID from) {
        try {
            return StreamHistory.of(redis.xinfoStream(EventStreams.guildStream(partition)).getStreamInfo()).holdsEverythingAfter(from);
        } catch (JedisDataException e) {
            return true; // no such stream: nothing was ever there to lose
        }
    }

    private boolean read(int partition, StreamEntryID from, StreamEntryID to, List<Entry> into) {
        String stream = EventStreams.guildStream(partition);
        String start = "(" + from;
        while (true) {
            List<StreamEntry> page = redis.xrange(stream, start, to.toString(), PAGE);
            for (StreamEntry e : page) into.add(new Entry(partition, e));
            if (into.size() > MAX_ENTRIES) return false;
            if (page.size() < PAGE) return true;
            start = "(" + page.getLast().getID();
        }
    }

    /** The one session being rebuilt, collecting what it is sent. */
    private static final class One implements Audience<One> {
        final long userId;
        final Intents intents;
        final int largeThreshold;
        final Set<Long> guilds;
        final LazyState lazy;
        final List<Dispatch> sent = new ArrayList<>();

        One(long userId, Intents intents, int largeThreshold, Set<Long> guilds, LazyState lazy) {
            this.lazy = lazy;
            this.userId = userId;
            this.intents = intents;
            this.largeThreshold = largeThreshold;
            this.guilds = guilds;
        }

        @Override
        public Collection<One> inGuild(long guildId) {
            return guilds.contains(guildId) ? List.of(this) : List.of();
        }

        @Override
        public Collection<One> ofUser(long user) {
            return user == userId ? List.of(this) : List.of();
        }

        @Override
        public long userId(One s) {
            return userId;
        }

        @Override
        public Intents intents(One s) {
            return intents;
        }

        @Override
        public boolean receives(One s, long guildId) {
            return guilds.contains(guildId);
        }

        @Override
        public boolean isReady(One s) {
            return true;
        }

        @Override
        public int largeThreshold(One s) {
            return largeThreshold;
        }

        @Override
        public void send(One s, Dispatch d) {
            sent.add(d);
        }

        @Override
        public boolean addGuild(One s, long guildId) {
            return guilds.add(guildId);
        }

        @Override
        public void removeGuild(One s, long guildId) {
            guilds.remove(guildId);
            lazy.removeGuild(guildId);
        }

        @Override
        public boolean readOnDemand(One s, long guildId) {
            return lazy.readOnDemand(guildId);
        }

        @Override
        public boolean subscribed(One s, long guildId, long channelId) {
            return lazy.subscribed(guildId, channelId);
        }

        @Override
        public void unread(One s, long guildId, long channelId, long messageId) {
            lazy.unread(guildId, channelId, messageId);
        }

        @Override
        public void received(One s, long guildId, boolean readOnDemand) {
            lazy.received(guildId, readOnDemand);
        }
    }
}
