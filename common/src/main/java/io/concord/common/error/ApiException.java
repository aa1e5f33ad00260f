package io.concord.common.error;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A request that failed in a way the caller should hear about. Each subclass is named after what
 * failed; the HTTP edge turns any of them into Discord's {@code {code, message, errors?}} body.
 */
public abstract class ApiException extends RuntimeException {
    private final int status;
    private final int code;

    protected ApiException(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    /** Discord's nested per-field errors, when there are any. */
    public Optional<JsonNode> errors() {
        return Optional.empty();
    }

    /** Fields of the error body beyond {@code message}, {@code code} and {@code errors} (a 429's {@code retry_after}). */
    public Map<String, Object> extraFields() {
        return Map.of();
    }

    /** Response headers the error comes with (a 429's {@code Retry-After}). */
    public Map<String, String> headers() {
        return Map.of();
    }
}
