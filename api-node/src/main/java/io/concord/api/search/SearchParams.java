package io.concord.api.search;

import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.common.error.FieldErrors;
import io.concord.common.id.Snowflakes;
import io.concord.common.search.MessageQuery;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Discord's message search parameters, validated with its limits (discord-api.md §2.6); every bad
 * value is a 50035 error on its field. Repeated parameters ({@code author_id=1&author_id=2}) are lists.
 * Parameters Concord does not index ({@code slop}, {@code embed_type}, ...) are ignored.
 */
record SearchParams(String content, List<Long> authorIds, Set<String> authorTypes, Set<String> notAuthorTypes, List<Long> mentions,
                    Optional<Boolean> mentionEveryone, List<Long> channelIds, Set<String> has, Set<String> notHas, Optional<Boolean> pinned,
                    OptionalLong minId, OptionalLong maxId, MessageQuery.Order order, int offset, int limit) {

    static final int MAX_CONTENT = 1024;
    static final int MAX_AUTHORS = 100;
    static final int MAX_MENTIONS = 100;
    static final int MAX_CHANNELS = 500;
    static final int MAX_OFFSET = 9975;
    static final int MAX_LIMIT = 25;
    static final Set<String> AUTHOR_TYPES = Set.of("user", "bot", "webhook");
    static final Set<String> HAS = Set.of("image", "sound", "video", "file", "sticker", "embed", "link", "poll", "snapshot");

    static SearchParams parse(Call call) {
        FieldErrors errors = new FieldErrors();
        String content = call.query("content").orElse("");
        if (content.length() > MAX_CONTENT) {
            errors.add("content", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_CONTENT + " or fewer in length.");
        }
        List<Long> authors = ids(call, "author_id", MAX_AUTHORS, errors);
        Set<String> authorTypes = new LinkedHashSet<>();
        Set<String> notAuthorTypes = new LinkedHashSet<>();
        choices(call, "author_type", AUTHOR_TYPES, authorTypes, notAuthorTypes, errors);
        List<Long> mentions = ids(call, "mentions", MAX_MENTIONS, errors);
        Optional<Boolean> everyone = bool(call, "mention_everyone", errors);
        List<Long> channels = ids(call, "channel_id", MAX_CHANNELS, errors);
        Set<String> has = new LinkedHashSet<>();
        Set<String> notHas = new LinkedHashSet<>();
        choices(call, "has", HAS, has, notHas, errors);
        Optional<Boolean> pinned = bool(call, "pinned", errors);
        OptionalLong minId = id(call, "min_id", errors);
        OptionalLong maxId = id(call, "max_id", errors);
        String sortBy = one(call, "sort_by", Set.of("timestamp", "relevance"), "timestamp", errors);
        String sortOrder = one(call, "sort_order", Set.of("asc", "desc"), "desc", errors);
        int offset = integer(call, "offset", 0, MAX_OFFSET, 0, errors);
        int limit = integer(call, "limit", 1, MAX_LIMIT, MAX_LIMIT, errors);
        errors.throwIfAny();
        MessageQuery.Order order = sortBy.equals("relevance") ? MessageQuery.Order.RELEVANCE
                : sortOrder.equals("asc") ? MessageQuery.Order.OLDEST_FIRST : MessageQuery.Order.NEWEST_FIRST;
        return new SearchParams(content, authors, authorTypes, notAuthorTypes, mentions, everyone, channels, has, notHas, pinned,
                minId, maxId, order, offset, limit);
    }

    private static List<Long> ids(Call call, String name, int max, FieldErrors errors) {
        List<String> raw = call.queryAll(name);
        if (raw.size() > max) {
            errors.add(name, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.");
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (String v : raw) {
            OptionalLong id = Snowflakes.parse(v);
            if (id.isEmpty()) {
                errors.add(name, "NUMBER_TYPE_COERCE", "Value \"" + Form.abbreviate(v) + "\" is not snowflake.");
                return List.of();
            }
            ids.add(id.getAsLong());
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    private static OptionalLong id(Call call, String name, FieldErrors errors) {
        Optional<String> raw = call.query(name);
        if (raw.isEmpty()) return OptionalLong.empty();
        OptionalLong id = Snowflakes.parse(raw.get());
        if (id.isEmpty()) errors.add(name, "NUMBER_TYPE_COERCE", "Value \"" + Form.abbreviate(raw.get()) + "\" is not snowflake.");
        return id;
    }

    /** Values from {@code allowed}, each possibly negated with a leading {@code -}. */
    private static void choices(Call call, String name, Set<String> allowed, Set<String> yes, Set<String> no, FieldErrors errors) {
        List<String> raw = call.queryAll(name);
        if (raw.size() > allowed.size() * 2) {
            errors.add(name, "BASE_TYPE_MAX_LENGTH", "Must be " + allowed.size() * 2 + " or fewer in length.");
            return;
        }
        for (String v : raw) {
            boolean negated = v.startsWith("-");
            String word = negated ? v.substring(1) : v;
            if (!allowed.contains(word)) {
                errors.add(name, "BASE_TYPE_CHOICES", "Value must be one of " + allowed.stream().sorted().toList() + ".");
                return;
            }
            (negated ? no : yes).add(word);
        }
    }

    private static Optional<Boolean> bool(Call call, String name, FieldErrors errors) {
        Optional<String> raw = call.query(name);
        if (raw.isEmpty()) return Optional.empty();
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> Optional.of(true);
            case "false", "0" -> Optional.of(false);
            default -> {
                errors.add(name, "BOOLEAN_TYPE_CONVERT", "Could not interpret \"" + Form.abbreviate(raw.get()) + "\" as boolean.");
                yield Optional.empty();
            }
        };
    }

    private static String one(Call call, String name, Set<String> allowed, String fallback, FieldErrors errors) {
        Optional<String> raw = call.query(name);
        if (raw.isEmpty()) return fallback;
        if (!allowed.contains(raw.get())) {
            errors.add(name, "BASE_TYPE_CHOICES", "Value must be one of " + allowed.stream().sorted().toList() + ".");
            return fallback;
        }
        return raw.get();
    }

    private static int integer(Call call, String name, int min, int max, int fallback, FieldErrors errors) {
        Optional<String> raw = call.query(name);
        if (raw.isEmpty()) return fallback;
        if (!raw.get().matches("-?\\d{1,10}")) {
            errors.add(name, "NUMBER_TYPE_COERCE", "Value \"" + Form.abbreviate(raw.get()) + "\" is not int.");
            return fallback;
        }
        long v = Long.parseLong(raw.get());
        if (v < min) {
            errors.add(name, "NUMBER_TYPE_MIN", "int value should be greater than or equal to " + min + ".");
        } else if (v > max) {
            errors.add(name, "NUMBER_TYPE_MAX", "int value should be less than or equal to " + max + ".");
        } else {
            return (int) v;
        }
        return fallback;
    }
}
