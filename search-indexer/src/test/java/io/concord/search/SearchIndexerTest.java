package io.concord.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.config.StoreConfig;
import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.json.Json;
import io.concord.common.search.MessageIndex;
import io.concord.common.search.MessageQuery;
import io.concord.common.search.SearchFilters;
import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.node.ObjectNode;

/** The real indexer against the real guild streams and Meilisearch: what is written to a stream becomes (un)searchable. */
class SearchIndexerTest {
    private static final SnowflakeGenerator ids = new SnowflakeGenerator(Clock.systemUTC(), 400);
    private static final String INDEX = "t_search_indexer_" + UUID.randomUUID().toString().substring(0, 8);
    private static RedisClient redis;
    private static EventStreams streams;
    private static MessageIndex index;
    private static AutoCloseable indexer;

    @BeforeAll
    static void start() throws Exception {
        StoreConfig stores = TestStack.stores();
        redis = Redis.connect(stores);
        streams = new EventStreams(redis, stores.guildPartitions(), stores.guildStreamMaxLength());
        IndexerConfig config = config(Map.of());
        index = MessageIndex.of(config.search());
        indexer = Main.start(config);
    }

    @AfterAll
    static void stop() throws Exception {
        if (indexer != null) indexer.close();
        if (index != null) index.drop();
        if (redis != null) redis.close();
    }

    private static IndexerConfig config(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("ADMIN_PORT", "0", "LEASE_TTL_MS", "3000", "SEARCH_INDEX", INDEX,
                "SEARCH_BATCH_LATENCY_MS", "20"));
        env.putAll(extra);
        return IndexerConfig.fromEnv(TestStack.env(env));
    }

    @Test
    void aNewMessageBecomesSearchableAndEditsChangeWhatMatches() {
        long guild = ids.next();
        long channel = ids.next();
        long author = ids.next();
        long message = ids.next();
        publish("MESSAGE_CREATE", guild, channel, message(message, guild, channel, author, "ripe kiwifruit today"));
        awaitHits("kiwifruit", guild, List.of(message));

        publish("MESSAGE_UPDATE", guild, channel, message(message, guild, channel, author, "ripe mango today"));
        awaitHits("mango", guild, List.of(message));
        assertThat(hits("kiwifruit", guild)).isEmpty();

        // Discord's partial form: only what it carries changes; the author stays filterable.
        ObjectNode partial = Json.object().put("id", Long.toString(message)).put("channel_id", Long.toString(channel))
                .put("content", "see https://example.com/papaya").put("pinned", true);
        publish("MESSAGE_UPDATE", guild, channel, partial);
        awaitHits("papaya", guild, List.of(message));
        assertThat(index.search(query("", guild, SearchFilters.is("pinned", true), SearchFilters.is("has_content", "link"),
                SearchFilters.is("author_id", Long.toString(author)))).hits()).extracting(MessageIndex.Hit::id).containsExactly(message);
    }

    @Test
    void deletionsOfMessagesChannelsAndGuildsRemoveTheirDocuments() {
        long guild = ids.next();
        long otherGuild = ids.next();
        long channel = ids.next();
        long keptChannel = ids.next();
        long dm = ids.next();
        long author = ids.next();
        List<Long> inChannel = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long m = ids.next();
            inChannel.add(m);
            publish("MESSAGE_CREATE", guild, channel, message(m, guild, channel, author, "walrus number " + i));
        }
        long kept = ids.next();
        publish("MESSAGE_CREATE", guild, keptChannel, message(kept, guild, keptChannel, author, "walrus elsewhere"));
        long otherGuildMessage = ids.next();
        long otherChannel = ids.next();
        publish("MESSAGE_CREATE", otherGuild, otherChannel, message(otherGuildMessage, otherGuild, otherChannel, author, "walrus abroad"));
        long dmMessage = ids.next();
        publish("MESSAGE_CREATE", 0, dm, message(dmMessage, 0, dm, author, "walrus privately"));
        List<Long> all = new ArrayList<>(inChannel);
        all.add(kept);
        awaitHits("walrus", guild, all);
        awaitHits("walrus", otherGuild, List.of(otherGuildMessage));
        awaitHits("walrus", 0, List.of(dmMessage));

        publish("MESSAGE_DELETE", guild, channel, Json.object().put("id", Long.toString(inChannel.get(0)))
                .put("channel_id", Long.toString(channel)).put("guild_id", Long.toString(guild)));
        ObjectNode bulk = Json.object().put("channel_id", Long.toString(channel)).put("guild_id", Long.toString(guild));
        bulk.putArray("ids").add(Long.toString(inChannel.get(1))).add(Long.toString(inChannel.get(2)));
        publish("MESSAGE_DELETE_BULK", guild, channel, bulk);
        awaitHits("walrus", guild, List.of(inChannel.get(3), kept));

        // Closing a DM (a CHANNEL_DELETE to one user) keeps its history, and its documents.
        streams.publish(new GuildEvent("CHANNEL_DELETE", 0, dm, List.of(author), Json.write(Json.object().put("id", Long.toString(dm)))));
        publish("CHANNEL_DELETE", guild, channel, Json.object().put("id", Long.toString(channel)).put("guild_id", Long.toString(guild)));
        awaitHits("walrus", guild, List.of(kept));

        // A GUILD_DELETE naming a user only tells them they left: nothing is deleted.
        streams.publish(new GuildEvent("GUILD_DELETE", guild, 0, List.of(author), Json.write(Json.object().put("id", Long.toString(guild)))));
        publish("GUILD_DELETE", guild, 0, Json.object().put("id", Long.toString(guild)));
        awaitHits("walrus", guild, List.of());
        assertThat(hits("walrus", otherGuild)).containsExactly(otherGuildMessage);
        assertThat(hits("walrus", 0)).containsExactly(dmMessage);
    }

    @Test
    void entriesAWorkerCouldNotIndexAreIndexedByTheNextOne() throws Exception {
        indexer.close();
        indexer = null;
        long guild = ids.next();
        long channel = ids.next();
        long message = ids.next();
        String stream = EventStreams.guildStream(streams.partition(guild));
        // A worker whose Meilisearch is unreachable reads the entry but can never acknowledge it.
        try (AutoCloseable broken = Main.start(config(Map.of("MEILI_URL", "http://127.0.0.1:9")))) {
            publish("MESSAGE_CREATE", guild, channel, message(message, guild, channel, ids.next(), "stranded narwhal"));
            await(() -> redis.xpending(stream, Main.GROUP).getTotal() > 0);
        }
        assertThat(hits("narwhal", guild)).isEmpty();
        indexer = Main.start(config(Map.of()));
        awaitHits("narwhal", guild, List.of(message));
        await(() -> redis.xpending(stream, Main.GROUP).getTotal() == 0);
    }

    private static void publish(String type, long guild, long channel, ObjectNode payload) {
        streams.publish(new GuildEvent(type, guild, channel, List.of(), Json.write(payload)));
    }

    static ObjectNode message(long id, long guild, long channel, long author, String content) {
        ObjectNode m = Json.object().put("id", Long.toString(id)).put("channel_id", Long.toString(channel)).put("content", content)
                .put("mention_everyone", false).put("pinned", false).put("type", 0);
        if (guild != 0) m.put("guild_id", Long.toString(guild));
        m.putObject("author").put("id", Long.toString(author)).put("username", "someone");
        m.putArray("mentions");
        m.putArray("mention_roles");
        m.putArray("attachments");
        m.putArray("embeds");
        return m;
    }

    private static MessageQuery query(String q, long guild, String... filters) {
        List<String> all = new ArrayList<>(List.of(SearchFilters.is("guild_id", Long.toString(guild))));
        all.addAll(List.of(filters));
        return new MessageQuery(q, all, MessageQuery.Order.NEWEST_FIRST, 0, 25);
    }

    private static List<Long> hits(String q, long guild) {
        return index.search(query(q, guild)).hits().stream().map(MessageIndex.Hit::id).toList();
    }

    private static void awaitHits(String q, long guild, List<Long> expected) {
        await(() -> {
            try {
                return List.copyOf(new java.util.TreeSet<>(hits(q, guild))).equals(List.copyOf(new java.util.TreeSet<>(expected)));
            } catch (RuntimeException e) {
                return false; // the index may not exist yet
            }
        });
        assertThat(hits(q, guild)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
