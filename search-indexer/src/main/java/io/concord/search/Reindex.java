package io.concord.search;

import io.concord.common.config.ConfigException;
import io.concord.common.config.Env;
import io.concord.common.config.StoreConfig;
import io.concord.common.id.Snowflakes;
import io.concord.common.message.HistoryQuery;
import io.concord.common.message.MessageRepository;
import io.concord.common.message.StoredMessage;
import io.concord.common.search.IndexProgress;
import io.concord.common.search.MessageDocuments;
import io.concord.common.search.MessageIndex;
import io.concord.common.search.SearchConfig;
import io.concord.common.search.SearchFilters;
import io.concord.common.store.Cql;
import io.concord.common.store.Postgres;
import io.concord.common.store.Redis;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ops/concord reindex [guild]}: rebuilds the message index from the stores (channels from
 * PostgreSQL, messages paged from CQL). One guild: its documents are deleted and written again; all:
 * the index is dropped and rebuilt, DMs included. Meanwhile the guild (or every guild) is marked
 * reindexing, so search answers 202 rather than partial results; the mark expires by itself if the
 * reindex dies. The live indexer keeps running: what it writes meanwhile is newer than the snapshot.
 */
public final class Reindex {
    private static final Logger log = LoggerFactory.getLogger(Reindex.class);
    private static final Duration MARK_TTL = Duration.ofSeconds(60);
    private static final int PAGE = 100;
    private final Jdbi jdbi;
    private final MessageRepository messages;
    private final UserRepository users;
    private final MessageIndex index;
    private final int batchSize;
    private final List<ObjectNode> pending = new ArrayList<>();
    private final List<Long> tasks = new ArrayList<>();
    private long documents;

    Reindex(Jdbi jdbi, MessageRepository messages, UserRepository users, MessageIndex index, int batchSize) {
        this.jdbi = jdbi;
        this.messages = messages;
        this.users = users;
        this.index = index;
        this.batchSize = batchSize;
    }

    /** Runs a reindex ({@code args}: nothing for every guild, or one guild id); returns the exit status. */
    public static int run(String[] args, Map<String, String> environment) {
        OptionalLong guild = OptionalLong.of(0);
        if (args.length > 1 || (args.length == 1 && (guild = Snowflakes.parse(args[0])).isEmpty())) {
            System.err.println("usage: reindex [guild_id]");
            return 2;
        }
        StoreConfig stores;
        SearchConfig search;
        try {
            Env env = new Env(environment);
            stores = StoreConfig.from(env);
            search = SearchConfig.from(env);
            env.validate();
        } catch (ConfigException e) {
            System.err.println("reindex: " + e.getMessage());
            return 2;
        }
        long documents = reindex(guild.getAsLong(), stores, search);
        log.info("reindex of {} done: {} documents", guild.getAsLong() == 0 ? "every guild" : "guild " + guild.getAsLong(), documents);
        return 0;
    }

    /** Rebuilds the index for {@code guildId} (0: everything); returns the documents written. */
    public static long reindex(long guildId, StoreConfig stores, SearchConfig search) {
        try (RedisClient redis = Redis.connect(stores); Postgres postgres = Postgres.connect(stores); Cql cql = Cql.connect(stores)) {
            IndexProgress progress = new IndexProgress(redis);
            progress.markReindexing(guildId, MARK_TTL);
            Thread renew = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Thread.sleep(MARK_TTL.toMillis() / 3);
                        progress.markReindexing(guildId, MARK_TTL);
                    }
                } catch (InterruptedException e) {
                    // done
                }
            });
            try {
                MessageIndex index = MessageIndex.of(search);
                Reindex r = new Reindex(postgres.jdbi(), new MessageRepository(cql.session(), Clock.systemUTC()),
                        new UserRepository(postgres.jdbi()), index, search.batchSize());
                return guildId == 0 ? r.all() : r.guild(guildId);
            } finally {
                renew.interrupt();
                progress.clearReindexing(guildId);
            }
        }
    }

    long all() {
        index.drop();
        index.ensure();
        for (long g : jdbi.withHandle(h -> h.createQuery("select id from guilds order by id").mapTo(Long.class).list())) {
            channels(g).forEach(c -> channel(c, g));
        }
        for (long c : jdbi.withHandle(h -> h.createQuery("select id from channels where guild_id is null order by id").mapTo(Long.class).list())) {
            channel(c, 0);
        }
        return finish();
    }

    long guild(long guildId) {
        index.ensure();
        index.await(index.deleteWhere(SearchFilters.is("guild_id", Long.toUnsignedString(guildId))));
        channels(guildId).forEach(c -> channel(c, guildId));
        return finish();
    }

    private List<Long> channels(long guildId) {
        return jdbi.withHandle(h -> h.createQuery("select id from channels where guild_id = :g order by id").bind("g", guildId)
                .mapTo(Long.class).list());
    }

    /** Every message of the channel, newest first, a page at a time. */
    private void channel(long channelId, long guildId) {
        long before = 0;
        while (true) {
            List<StoredMessage> page = messages.history(channelId, new HistoryQuery(before, 0, 0, PAGE));
            if (page.isEmpty()) return;
            Set<Long> authors = new HashSet<>();
            page.forEach(m -> authors.add(m.authorId()));
            Map<Long, UserRow> byId = users.byIds(authors);
            for (StoredMessage m : page) {
                UserRow author = byId.get(m.authorId());
                pending.add(MessageDocuments.of(m, author != null && author.bot() ? "bot" : "user"));
                if (pending.size() >= batchSize) send();
            }
            if (page.size() < PAGE) return;
            before = page.getLast().id();
        }
    }

    private void send() {
        if (pending.isEmpty()) return;
        tasks.add(index.replace(List.copyOf(pending)));
        documents += pending.size();
        pending.clear();
    }

    private long finish() {
        send();
        tasks.forEach(index::await);
        tasks.clear();
        return documents;
    }
}
