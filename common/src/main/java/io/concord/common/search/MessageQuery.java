package io.concord.common.search;

import io.concord.common.json.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One search of the message index: free text ({@code ""} for none), filters that must all hold
 * (see {@link SearchFilters}; the caller's visible channels are one of them), order and page.
 */
public record MessageQuery(String content, List<String> filters, Order order, int offset, int limit) {

    public enum Order { NEWEST_FIRST, OLDEST_FIRST, RELEVANCE }

    public MessageQuery {
        filters = List.copyOf(filters);
        if (limit < 1 || offset < 0) throw new IllegalArgumentException("limit >= 1, offset >= 0");
    }

    /**
     * The body of {@code POST /indexes/{uid}/search}. An offset that is a multiple of the limit (what
     * clients send when they page) is asked as a page, whose {@code totalHits} is exact; any other
     * offset as offset/limit, whose {@code estimatedTotalHits} Meilisearch may only estimate.
     */
    public ObjectNode toRequest() {
        ObjectNode body = Json.object().put("q", content).put("matchingStrategy", "all");
        ArrayNode filter = body.putArray("filter");
        filters.forEach(filter::add);
        switch (order) {
            case NEWEST_FIRST -> body.putArray("sort").add("timestamp:desc").add("id_low:desc");
            case OLDEST_FIRST -> body.putArray("sort").add("timestamp:asc").add("id_low:asc");
            case RELEVANCE -> { }
        }
        if (offset % limit == 0) {
            body.put("page", offset / limit + 1).put("hitsPerPage", limit);
        } else {
            body.put("offset", offset).put("limit", limit);
        }
        body.putArray("attributesToRetrieve").add("id").add("channel_id");
        return body;
    }
}
