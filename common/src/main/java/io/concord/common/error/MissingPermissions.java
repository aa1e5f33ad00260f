package io.concord.common.error;

/** The caller sees the resource but lacks a permission for the action: 403 50013. */
public final class MissingPermissions extends ApiException {
    public MissingPermissions() {
        super(403, 50013, "Missing Permissions");
    }
}
