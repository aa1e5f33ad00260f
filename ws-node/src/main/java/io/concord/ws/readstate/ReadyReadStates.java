package io.concord.ws.readstate;

import io.concord.common.config.StoreConfig;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.readstate.MentionStore;
import io.concord.common.readstate.ReadStateCache;
import io.concord.common.readstate.ReadStateReader;
import io.concord.common.readstate.ReadStateRepository;
import io.concord.common.store.Cql;
import java.time.Clock;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * READY's {@code read_state} (Discord's versioned form {@code {entries, partial, version}}) for a user
 * and the guilds their READY lists. A store failure must not fail the IDENTIFY: READY then goes
 * without {@code read_state} and the client keeps what it had.
 */
public class ReadyReadStates implements AutoCloseable {
    /** No read states (bots, or a node built without them). */
    public static final ReadyReadStates NONE = new ReadyReadStates(null, null);
    private static final Logger log = LoggerFactory.getLogger(ReadyReadStates.class);
    private final ReadStateReader reader;
    private final AutoCloseable resources;

    ReadyReadStates(ReadStateReader reader, AutoCloseable resources) {
        this.reader = reader;
        this.resources = resources;
    }

    public static ReadyReadStates connect(StoreConfig stores, RedisClient redis, GuildRepository guilds, MemberRepository members, Clock clock) {
        Cql cql = Cql.connect(stores);
        ReadStateCache cache = new ReadStateCache(redis, clock);
        return new ReadyReadStates(new ReadStateReader(cache, new ReadStateRepository(cql.session()), new MentionStore(cql.session()),
                guilds, members, clock), cql);
    }

    /** READY's read states also cover the user's DMs and group DMs. */
    public ReadyReadStates withDmChannels(java.util.function.LongFunction<Collection<Long>> dmChannels) {
        if (reader != null) reader.withDmChannels(dmChannels);
        return this;
    }

    /** The versioned read state, or null when there is none to send. */
    public Object load(long userId, Collection<Long> guildIds) {
        if (reader == null) return null;
        try {
            return reader.forUser(userId, guildIds);
        } catch (RuntimeException e) {
            log.warn("read states of user {} could not be loaded; READY goes without them", userId, e);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        if (resources != null) resources.close();
    }
}
