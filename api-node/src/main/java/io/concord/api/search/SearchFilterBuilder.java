package io.concord.api.search;

import io.concord.common.search.SearchFilters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The Meilisearch filters of one search: the scope (guild and the channels the caller may read,
 * computed by the caller once per query) and the parameters. Each {@code has} word lives in the
 * document field of its source (see docs/design/search.md).
 */
final class SearchFilterBuilder {
    private static final Map<String, List<String>> HAS_FIELDS = Map.of(
            "link", List.of("has_content"),
            "file", List.of("has_attachments"),
            "image", List.of("has_attachments", "has_embeds"),
            "video", List.of("has_attachments", "has_embeds"),
            "sound", List.of("has_attachments"),
            "embed", List.of("has_embeds"),
            "sticker", List.of("has_extras"),
            "poll", List.of("has_extras"),
            "snapshot", List.of("has_extras"));

    private SearchFilterBuilder() {}

    /**
     * {@code everyChannel}: the caller reads every channel of the guild and named none, so the guild
     * filter alone scopes the query (a 200-id IN filter doubled Meilisearch's time in the benchmark).
     */
    static List<String> filters(long guildId, Collection<Long> readableChannels, boolean everyChannel, SearchParams p) {
        List<String> f = new ArrayList<>();
        f.add(SearchFilters.is("guild_id", Long.toUnsignedString(guildId)));
        if (!everyChannel) f.add(SearchFilters.inIds("channel_id", readableChannels));
        if (!p.authorIds().isEmpty()) f.add(SearchFilters.inIds("author_id", p.authorIds()));
        if (!p.authorTypes().isEmpty()) f.add(SearchFilters.in("author_type", p.authorTypes()));
        if (!p.notAuthorTypes().isEmpty()) f.add(SearchFilters.notIn("author_type", p.notAuthorTypes()));
        if (!p.mentions().isEmpty()) f.add(SearchFilters.inIds("mentions", p.mentions()));
        p.mentionEveryone().ifPresent(v -> f.add(SearchFilters.is("mention_everyone", v)));
        p.pinned().ifPresent(v -> f.add(SearchFilters.is("pinned", v)));
        for (String word : p.has()) f.add(SearchFilters.any(HAS_FIELDS.get(word).stream().map(field -> SearchFilters.is(field, word)).toList()));
        for (String word : p.notHas()) {
            for (String field : HAS_FIELDS.get(word)) f.add(SearchFilters.not(field, word));
        }
        p.minId().ifPresent(id -> f.add(SearchFilters.idAfter(id)));
        p.maxId().ifPresent(id -> f.add(SearchFilters.idBefore(id)));
        return f;
    }
}
