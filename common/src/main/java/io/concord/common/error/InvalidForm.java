package io.concord.common.error;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** One or more fields failed validation: 400 50035 with Discord's nested {@code errors}. */
public final class InvalidForm extends ApiException {
    private final FieldErrors errors;

    public InvalidForm(FieldErrors errors) {
        super(400, 50035, "Invalid Form Body");
        this.errors = errors;
    }

    public static InvalidForm of(String path, String code, String message) {
        return new InvalidForm(new FieldErrors().add(path, code, message));
    }

    @Override
    public Optional<JsonNode> errors() {
        return Optional.of(errors.toJson());
    }

    public FieldErrors fieldErrors() {
        return errors;
    }
}
