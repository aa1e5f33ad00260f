package io.concord.common.error;

/** A request Discord rejects with a specific code rather than per-field errors (50006, 50109, ...). */
public final class BadRequest extends ApiException {
    public static final int CANNOT_SEND_EMPTY_MESSAGE = 50006;
    public static final int INVALID_JSON = 50109;

    public BadRequest(int code, String message) {
        super(400, code, message);
    }

    public static BadRequest invalidJson() {
        return new BadRequest(INVALID_JSON, "The request body contains invalid JSON.");
    }

    public static BadRequest emptyMessage() {
        return new BadRequest(CANNOT_SEND_EMPTY_MESSAGE, "Cannot send an empty message");
    }
}
