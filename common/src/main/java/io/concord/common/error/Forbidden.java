package io.concord.common.error;

/**
 * A 403 with its own Discord code, for refusals that are not a missing permission: 50005 (editing
 * another user's message) and the like.
 */
public final class Forbidden extends ApiException {
    public Forbidden(int code, String message) {
        super(403, code, message);
    }

    public static Forbidden cannotEditOthersMessage() {
        return new Forbidden(50005, "Cannot edit a message authored by another user");
    }
}
