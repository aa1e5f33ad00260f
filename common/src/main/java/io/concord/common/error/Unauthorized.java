package io.concord.common.error;

/** No token, or one that is invalid, expired or revoked: 401 with code 0, as Discord answers. */
public final class Unauthorized extends ApiException {
    public Unauthorized() {
        super(401, 0, "401: Unauthorized");
    }
}
