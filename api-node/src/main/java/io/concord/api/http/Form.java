package io.concord.api.http;

import io.concord.common.error.FieldErrors;
import io.concord.common.id.Snowflakes;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Validates a JSON body field by field and collects Discord's 50035 errors ({@code BASE_TYPE_REQUIRED},
 * {@code BASE_TYPE_BAD_LENGTH}, {@code NUMBER_TYPE_MAX}, ...); {@link #done()} throws them all at once.
 */
public final class Form {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private final JsonNode body;
    private final FieldErrors errors = new FieldErrors();

    Form(JsonNode body) {
        this.body = body;
    }

    /** A form with no body, for validating query parameters with the same errors. */
    public static Form empty() {
        return new Form(io.concord.common.json.Json.object());
    }

    private Optional<JsonNode> field(String name) {
        JsonNode v = body.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    public boolean has(String name) {
        return field(name).isPresent();
    }

    public Optional<String> string(String name, int min, int max, boolean required) {
        Optional<JsonNode> v = field(name);
        if (v.isEmpty()) {
            if (required) errors.add(name, "BASE_TYPE_REQUIRED", "This field is required");
            return Optional.empty();
        }
        if (!v.get().isString()) {
            errors.add(name, "STRING_TYPE_CONVERT", "Could not interpret \"" + abbreviate(v.get().toString()) + "\" as string.");
            return Optional.empty();
        }
        String s = v.get().stringValue();
        if (s.indexOf('\u0000') >= 0) {
            errors.add(name, "STRING_TYPE_INVALID_CHARACTERS", "Must not contain NUL characters.");
            return Optional.empty();
        }
        int length = s.codePointCount(0, s.length());
        if (length < min || length > max) {
            if (min <= 0) errors.add(name, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.");
            else errors.add(name, "BASE_TYPE_BAD_LENGTH", "Must be between " + min + " and " + max + " in length.");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** A name: surrounding white space is dropped before the length is checked, as Discord does. */
    public Optional<String> name(String name, int min, int max) {
        Optional<JsonNode> v = field(name);
        if (v.isPresent() && v.get().isString() && v.get().stringValue().strip().isEmpty()) {
            errors.add(name, "BASE_TYPE_BAD_LENGTH", "Must be between " + min + " and " + max + " in length.");
            return Optional.empty();
        }
        return string(name, min, max, true).map(String::strip)
                .filter(s -> {
                    if (s.codePointCount(0, s.length()) >= min) return true;
                    errors.add(name, "BASE_TYPE_BAD_LENGTH", "Must be between " + min + " and " + max + " in length.");
                    return false;
                });
    }

    public Optional<String> email(String name) {
        Optional<String> s = string(name, 3, 320, true);
        if (s.isPresent() && !EMAIL.matcher(s.get()).matches()) {
            errors.add(name, "EMAIL_TYPE_INVALID_EMAIL", "Not a well formed email address.");
            return Optional.empty();
        }
        return s;
    }

    public int integer(String name, int min, int max, int fallback) {
        Optional<JsonNode> v = field(name);
        if (v.isEmpty()) return fallback;
        JsonNode n = v.get();
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            if (n.isString() && n.stringValue().matches("-?\\d{1,10}")) return bounded(name, Long.parseLong(n.stringValue()), min, max, fallback);
            errors.add(name, "NUMBER_TYPE_COERCE", "Value \"" + abbreviate(n.isString() ? n.stringValue() : n.toString()) + "\" is not int.");
            return fallback;
        }
        return bounded(name, n.asLong(), min, max, fallback);
    }

    private int bounded(String name, long value, int min, int max, int fallback) {
        if (value < min) {
            errors.add(name, "NUMBER_TYPE_MIN", "int value should be greater than or equal to " + min + ".");
            return fallback;
        }
        if (value > max) {
            errors.add(name, "NUMBER_TYPE_MAX", "int value should be less than or equal to " + max + ".");
            return fallback;
        }
        return (int) value;
    }

    public boolean bool(String name, boolean fallback) {
        Optional<JsonNode> v = field(name);
        if (v.isEmpty()) return fallback;
        if (!v.get().isBoolean()) {
            errors.add(name, "BOOLEAN_TYPE_CONVERT", "Could not interpret \"" + abbreviate(v.get().toString()) + "\" as boolean.");
            return fallback;
        }
        return v.get().booleanValue();
    }

    /** A snowflake given as a string or a JSON number. */
    public OptionalLong snowflake(String name, boolean required) {
        Optional<JsonNode> v = field(name);
        if (v.isEmpty()) {
            if (required) errors.add(name, "BASE_TYPE_REQUIRED", "This field is required");
            return OptionalLong.empty();
        }
        String raw = v.get().isString() ? v.get().stringValue() : v.get().isIntegralNumber() ? v.get().asString() : v.get().toString();
        OptionalLong id = Snowflakes.parse(raw);
        if (id.isEmpty()) errors.add(name, "NUMBER_TYPE_COERCE", "Value \"" + abbreviate(raw) + "\" is not snowflake.");
        return id;
    }

    /** Reports an error found by the caller's own rule. */
    public void error(String path, String code, String message) {
        errors.add(path, code, message);
    }

    public void done() {
        errors.throwIfAny();
    }

    /** A value quoted in an error message: at most 40 characters, then "...". */
    public static String abbreviate(String s) {
        if (s == null) return "null";
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
