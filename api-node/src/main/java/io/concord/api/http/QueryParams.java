package io.concord.api.http;

import io.concord.common.id.Snowflakes;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Query parameters as Discord reads them, each bad one a 50035 error on its name added to
 * {@code form} (the route calls {@link Form#done()} once every parameter is read, so all problems are
 * reported together).
 */
public final class QueryParams {
    private QueryParams() {}

    /** An int in {@code [min, max]}; {@code fallback} when absent or not an int. */
    public static int intIn(Call call, String name, int min, int max, int fallback, Form form) {
        Optional<String> raw = call.query(name);
        if (raw.isEmpty()) return fallback;
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min) form.error(name, "NUMBER_TYPE_MIN", "int value should be greater than or equal to " + min + ".");
            if (value > max) form.error(name, "NUMBER_TYPE_MAX", "int value should be less than or equal to " + max + ".");
            return value;
        } catch (NumberFormatException e) {
            form.error(name, "NUMBER_TYPE_COERCE", "Value \"" + Form.abbreviate(raw.get()) + "\" is not int.");
            return fallback;
        }
    }

    /** {@code limit} in {@code [1, max]}. */
    public static int limit(Call call, int max, int fallback, Form form) {
        return intIn(call, "limit", 1, max, fallback, form);
    }

    /** A snowflake; empty when absent or malformed. */
    public static OptionalLong snowflake(Call call, String name, Form form) {
        return id(call, name, form, false);
    }

    /** A page bound ({@code before}, {@code after}): a snowflake or {@code "0"}, before every id. */
    public static OptionalLong bound(Call call, String name, Form form) {
        return id(call, name, form, true);
    }

    private static OptionalLong id(Call call, String name, Form form, boolean zeroAllowed) {
        Optional<String> raw = call.query(name);
        if (raw.isEmpty()) return OptionalLong.empty();
        if (zeroAllowed && raw.get().equals("0")) return OptionalLong.of(0);
        OptionalLong id = Snowflakes.parse(raw.get());
        if (id.isEmpty()) form.error(name, "NUMBER_TYPE_COERCE", "Value \"" + Form.abbreviate(raw.get()) + "\" is not snowflake.");
        return id;
    }
}
