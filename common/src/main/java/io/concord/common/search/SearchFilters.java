package io.concord.common.search;

import io.concord.common.id.Snowflakes;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Meilisearch filter expressions over the message documents. Values are quoted here; callers pass
 * only validated values (ids, the known {@code author_type} and {@code has} words).
 */
public final class SearchFilters {
    private SearchFilters() {}

    public static String is(String field, String value) {
        return field + " = " + quote(value);
    }

    public static String is(String field, boolean value) {
        return field + " = " + value;
    }

    public static String not(String field, String value) {
        return field + " != " + quote(value);
    }

    public static String inIds(String field, Collection<Long> ids) {
        return field + " IN [" + ids.stream().map(id -> quote(Long.toUnsignedString(id))).collect(Collectors.joining(", ")) + "]";
    }

    public static String in(String field, Collection<String> values) {
        return field + " IN [" + values.stream().map(SearchFilters::quote).collect(Collectors.joining(", ")) + "]";
    }

    public static String notIn(String field, Collection<String> values) {
        return field + " NOT IN [" + values.stream().map(SearchFilters::quote).collect(Collectors.joining(", ")) + "]";
    }

    /** Messages whose id is greater than {@code id}: exact, from the millisecond and the low 22 bits. */
    public static String idAfter(long id) {
        long ms = Snowflakes.timestampMs(id);
        return "(timestamp > " + ms + " OR (timestamp = " + ms + " AND id_low > " + MessageDocuments.idLow(id) + "))";
    }

    /** Messages whose id is smaller than {@code id}. */
    public static String idBefore(long id) {
        long ms = Snowflakes.timestampMs(id);
        return "(timestamp < " + ms + " OR (timestamp = " + ms + " AND id_low < " + MessageDocuments.idLow(id) + "))";
    }

    public static String any(Collection<String> expressions) {
        return "(" + String.join(" OR ", expressions) + ")";
    }

    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
