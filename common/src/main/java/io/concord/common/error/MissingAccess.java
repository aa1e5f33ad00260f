package io.concord.common.error;

/** The caller may not see the resource at all (not a member, no VIEW_CHANNEL): 403 50001. */
public final class MissingAccess extends ApiException {
    public MissingAccess() {
        super(403, 50001, "Missing Access");
    }
}
