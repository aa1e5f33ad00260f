package io.concord.common.permission;

import io.concord.common.json.IdString;
import tools.jackson.databind.annotation.JsonDeserialize;

/** A channel permission overwrite; {@code type} 0 targets a role, 1 a member. Bitsets are unsigned decimal strings on the wire. */
public record Overwrite(
        @IdString @JsonDeserialize(using = UnsignedBitsDeserializer.class) long id,
        int type,
        @IdString @JsonDeserialize(using = UnsignedBitsDeserializer.class) long allow,
        @IdString @JsonDeserialize(using = UnsignedBitsDeserializer.class) long deny) {
    public static final int ROLE = 0;
    public static final int MEMBER = 1;
}
