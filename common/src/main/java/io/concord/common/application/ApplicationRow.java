package io.concord.common.application;

/** A stored application. Its id is also its bot user's id. */
public record ApplicationRow(long id, long ownerId, String name, String description, int flags, String verifyKey,
                             boolean botPublic, boolean botRequireCodeGrant) {
    public long botUserId() {
        return id;
    }
}
