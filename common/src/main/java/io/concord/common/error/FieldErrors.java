package io.concord.common.error;

import io.concord.common.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Per-field errors in Discord's shape: a path {@code "a.0.b"} becomes
 * {@code {"a":{"0":{"b":{"_errors":[{"code":...,"message":...}]}}}}}; the empty path is the body itself.
 */
public final class FieldErrors {
    public record Error(String code, String message) {}

    private final Map<String, List<Error>> byPath = new LinkedHashMap<>();

    public FieldErrors add(String path, String code, String message) {
        byPath.computeIfAbsent(path, p -> new java.util.ArrayList<>()).add(new Error(code, message));
        return this;
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    public Map<String, List<Error>> byPath() {
        return byPath;
    }

    /** Throws {@link InvalidForm} when any field failed. */
    public void throwIfAny() {
        if (!isEmpty()) throw new InvalidForm(this);
    }

    public JsonNode toJson() {
        ObjectNode root = Json.object();
        byPath.forEach((path, errors) -> {
            ObjectNode node = root;
            for (String part : path.isEmpty() ? new String[0] : path.split("\\.")) {
                node = node.has(part) ? (ObjectNode) node.get(part) : node.putObject(part);
            }
            var array = node.has("_errors") ? (tools.jackson.databind.node.ArrayNode) node.get("_errors") : node.putArray("_errors");
            errors.forEach(e -> array.addObject().put("code", e.code()).put("message", e.message()));
        });
        return root;
    }
}
