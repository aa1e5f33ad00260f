package io.concord.common.permission;

import io.concord.common.json.IdString;

/** A channel permission overwrite; {@code type} 0 targets a role, 1 a member. */
public record Overwrite(@IdString long id, int type, @IdString long allow, @IdString long deny) {
    public static final int ROLE = 0;
    public static final int MEMBER = 1;
}
