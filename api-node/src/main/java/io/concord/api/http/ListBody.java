package io.concord.api.http;

import io.concord.common.error.FieldErrors;
import io.concord.common.id.Snowflakes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A JSON array body of objects that each name an entity by {@code id} at most once, as Discord's
 * position routes take ({@code PATCH /guilds/{id}/channels}, {@code PATCH /guilds/{id}/roles}).
 * Every problem is collected as a 50035 error at its path ({@code 3.position}) and thrown at once.
 */
public final class ListBody {
    private ListBody() {}

    /** Reads one element; {@code id} is empty when it was malformed (already reported). */
    @FunctionalInterface
    public interface Element<T> {
        Optional<T> read(OptionalLong id, JsonNode element, String path, FieldErrors errors);
    }

    public static <T> List<T> read(JsonNode array, int maxLength, String entity, Element<T> reader) {
        FieldErrors errors = new FieldErrors();
        if (array.size() > maxLength) {
            errors.add("", "BASE_TYPE_MAX_LENGTH", "Must be " + maxLength + " or fewer in length.").throwIfAny();
        }
        List<T> items = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            String path = Integer.toString(i);
            if (!e.isObject()) {
                errors.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
                continue;
            }
            OptionalLong id = snowflake(e.path("id"));
            if (id.isEmpty()) errors.add(path + ".id", "NUMBER_TYPE_COERCE", "Value is not snowflake.");
            else if (!seen.add(id.getAsLong())) errors.add(path + ".id", "DUPLICATE_ID", "Each " + entity + " may appear only once.");
            reader.read(id, e, path, errors).ifPresent(items::add);
        }
        errors.throwIfAny();
        return items;
    }

    /** An optional {@code position} in 0..max; anything else present is an error at {@code path.position}. */
    public static Optional<Integer> position(JsonNode element, String path, int max, FieldErrors errors) {
        JsonNode p = element.path("position");
        if (p.isIntegralNumber() && p.canConvertToInt() && p.asInt() >= 0 && p.asInt() <= max) return Optional.of(p.asInt());
        if (!p.isMissingNode() && !p.isNull()) errors.add(path + ".position", "NUMBER_TYPE_COERCE", "Value is not a valid position.");
        return Optional.empty();
    }

    /** A snowflake sent as a string or a JSON number. */
    public static OptionalLong snowflake(JsonNode n) {
        if (n.isString()) return Snowflakes.parse(n.stringValue());
        if (n.isIntegralNumber()) return Snowflakes.parse(n.asString());
        return OptionalLong.empty();
    }
}
