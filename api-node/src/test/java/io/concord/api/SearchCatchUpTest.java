package io.concord.api;

import static io.concord.api.SearchIndexing.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.Accounts.User;
import io.concord.api.RestClient.Response;
import io.concord.common.search.IndexProgress;
import io.concord.common.search.MessageIndex;
import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import io.concord.search.Reindex;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/**
 * While the index has not caught up with a guild (the indexer is behind, or the guild is being
 * reindexed) search answers Discord's 202; then results. Allowed lag 0 here: any unindexed entry counts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchCatchUpTest {
    private static final SearchIndexing indexing = new SearchIndexing();
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(201, Clock.systemUTC(), indexing.apiEnvironment(Map.of("SEARCH_MAX_LAG_MS", "0")));
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static User owner;
    private static Accounts.Guild guild;
    private static String message;

    @AfterAll
    static void dropIndex() throws Exception {
        indexing.close();
    }

    private static Response search() {
        return rest.get("/guilds/" + guild.id() + "/messages/search?content=quokka", owner.token());
    }

    private static void assertNotYetIndexed(Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(202);
        assertThat(r.json().path("code").asInt()).isEqualTo(110000);
        assertThat(r.json().path("message").asString()).isEqualTo("Index not yet available. Try again later");
        assertThat(r.json().path("documents_indexed").isIntegralNumber()).as("%s", r).isTrue();
        assertThat(r.json().path("retry_after").asInt()).isPositive();
        assertThat(r.json().has("messages")).isFalse();
    }

    private static boolean found(Response r) {
        return r.status() == 200 && r.json().path("messages").path(0).path(0).path("id").asString("").equals(message);
    }

    @Test
    @Order(1)
    void answers202UntilTheIndexerHasCaughtUpWithTheGuild() throws Exception {
        owner = accounts.register();
        guild = accounts.createGuild(owner);
        Response sent = accounts.send(owner, guild.generalId(), "a quokka smiles");
        assertThat(sent.status()).isEqualTo(200);
        message = sent.json().path("id").asString();
        // No indexer runs: the guild's new entries wait, and the answer says so rather than "no results".
        assertNotYetIndexed(await(SearchCatchUpTest::search, r -> r.status() != 200));

        indexing.startIndexer();
        await(SearchCatchUpTest::search, SearchCatchUpTest::found);
    }

    @Test
    @Order(2)
    void aReindexedGuildAnswers202ThenItsMessagesComeBackFromTheStore() throws Exception {
        indexing.stopIndexer();
        MessageIndex.of(indexing.searchConfig()).drop();
        try (RedisClient redis = Redis.connect(TestStack.stores())) {
            IndexProgress progress = new IndexProgress(redis);
            progress.markReindexing(Long.parseLong(guild.id()), Duration.ofSeconds(60));
            assertNotYetIndexed(search());
            long documents = Reindex.reindex(Long.parseLong(guild.id()), TestStack.stores(), indexing.searchConfig());
            assertThat(documents).isEqualTo(1);
            assertThat(progress.reindexing(Long.parseLong(guild.id()))).isFalse();
        }
        Response r = search();
        assertThat(found(r)).as("%s", r).isTrue();
        assertThat(r.json().path("total_results").asLong()).isEqualTo(1);
        assertThat(List.of(r.json().path("messages").path(0).path(0).path("content").asString())).containsExactly("a quokka smiles");
    }
}
