package io.concord.common.search;

import io.concord.common.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Meilisearch index of messages: its settings (applied by {@link #ensure}), document writes that
 * return Meilisearch task uids, and searches. Shared by the search-indexer and the api-node.
 */
public final class MessageIndex {
    public static final List<String> FILTERABLE = List.of("guild_id", "channel_id", "author_id", "author_type", "mentions",
            "mention_roles", "mention_everyone", "pinned", "has_content", "has_attachments", "has_embeds", "has_extras",
            "timestamp", "id_low");
    public static final List<String> SORTABLE = List.of("timestamp", "id_low");
    /** {@code sort} first: a timestamp-sorted search is strictly by time; without a sort it is pure relevance. */
    public static final List<String> RANKING = List.of("sort", "words", "typo", "proximity", "attribute", "exactness");
    /** Discord's deepest page: offset 9975 + limit 25. */
    public static final int MAX_TOTAL_HITS = 10_000;

    private final MeiliClient client;
    private final String uid;
    private final Duration taskTimeout;

    public MessageIndex(MeiliClient client, String uid, Duration taskTimeout) {
        this.client = client;
        this.uid = uid;
        this.taskTimeout = taskTimeout;
    }

    public static MessageIndex of(SearchConfig config) {
        return new MessageIndex(new MeiliClient(config.meiliUrl(), config.meiliMasterKey()), config.index(), config.taskTimeout());
    }

    public String uid() {
        return uid;
    }

    /** Creates the index if needed and applies the settings; returns when Meilisearch has applied them. */
    public void ensure() {
        try {
            await(MeiliClient.taskUid(client.send("POST", "/indexes", Json.object().put("uid", uid).put("primaryKey", "id"))));
        } catch (MeiliException e) {
            if (!"index_already_exists".equals(e.code()) && !e.getMessage().contains("already exists")) throw e;
        }
        await(MeiliClient.taskUid(client.send("PATCH", path("/settings"), settings())));
    }

    static ObjectNode settings() {
        ObjectNode s = Json.object();
        s.putArray("searchableAttributes").add("content");
        ArrayNode filterable = s.putArray("filterableAttributes");
        FILTERABLE.forEach(filterable::add);
        ArrayNode sortable = s.putArray("sortableAttributes");
        SORTABLE.forEach(sortable::add);
        ArrayNode ranking = s.putArray("rankingRules");
        RANKING.forEach(ranking::add);
        ObjectNode typo = s.putObject("typoTolerance").put("enabled", true);
        typo.putObject("minWordSizeForTypos").put("oneTypo", 5).put("twoTypos", 9);
        s.putObject("pagination").put("maxTotalHits", MAX_TOTAL_HITS);
        return s;
    }

    /** Adds or replaces whole documents. */
    public long replace(List<ObjectNode> documents) {
        return MeiliClient.taskUid(client.send("POST", path("/documents?primaryKey=id"), array(documents)));
    }

    /** Changes only the fields each partial document carries (creates a partial document if absent). */
    public long update(List<ObjectNode> partials) {
        return MeiliClient.taskUid(client.send("PUT", path("/documents?primaryKey=id"), array(partials)));
    }

    public long delete(Collection<String> ids) {
        ArrayNode body = Json.mapper().createArrayNode();
        ids.forEach(body::add);
        return MeiliClient.taskUid(client.send("POST", path("/documents/delete-batch"), body));
    }

    public long deleteWhere(String filter) {
        return MeiliClient.taskUid(client.send("POST", path("/documents/delete"), Json.object().put("filter", filter)));
    }

    public void await(long taskUid) {
        client.awaitTask(taskUid, taskTimeout);
    }

    /** Deletes the index and its documents (reindex from scratch, tests). */
    public void drop() {
        try {
            await(MeiliClient.taskUid(client.send("DELETE", "/indexes/" + uid, null)));
        } catch (MeiliException e) {
            if (!"index_not_found".equals(e.code())) throw e;
        }
    }

    public record Hit(long channelId, long id) {}

    public record Result(List<Hit> hits, long total) {}

    /** Runs the query; throws {@link MeiliException} (code {@code index_not_found} before the first indexer start). */
    public Result search(MessageQuery query) {
        JsonNode r = client.send("POST", path("/search"), query.toRequest());
        List<Hit> hits = new ArrayList<>();
        for (JsonNode h : r.path("hits")) {
            OptionalLong id = unsigned(h.path("id").asString(""));
            OptionalLong channel = unsigned(h.path("channel_id").asString(""));
            if (id.isPresent() && channel.isPresent()) hits.add(new Hit(channel.getAsLong(), id.getAsLong()));
        }
        long total = r.has("totalHits") ? r.path("totalHits").asLong() : r.path("estimatedTotalHits").asLong();
        return new Result(hits, total);
    }

    /** How many documents match every filter (capped at {@link #MAX_TOTAL_HITS}); 0 when the index does not exist yet. */
    public long count(List<String> filters) {
        ObjectNode body = Json.object().put("q", "").put("page", 1).put("hitsPerPage", 0);
        ArrayNode filter = body.putArray("filter");
        filters.forEach(filter::add);
        try {
            return client.send("POST", path("/search"), body).path("totalHits").asLong();
        } catch (MeiliException e) {
            if ("index_not_found".equals(e.code())) return 0;
            throw e;
        }
    }

    private String path(String suffix) {
        return "/indexes/" + uid + suffix;
    }

    private static ArrayNode array(List<ObjectNode> documents) {
        ArrayNode a = Json.mapper().createArrayNode();
        documents.forEach(a::add);
        return a;
    }

    private static OptionalLong unsigned(String s) {
        return io.concord.common.id.Snowflakes.parse(s);
    }
}
