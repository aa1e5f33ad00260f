package io.concord.api.members;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A validated PATCH of a member. Each field applies only when its flag is set (or, for the lists and
 * booleans, when non-null); {@code nick} and {@code timeout} may then be null, which clears them.
 */
public record MemberUpdate(boolean setNick, String nick, List<Long> roles, boolean setTimeout, OffsetDateTime timeout,
                           Boolean mute, Boolean deaf) {

    public static MemberUpdate nickOnly(boolean setNick, String nick) {
        return new MemberUpdate(setNick, nick, null, false, null, null, null);
    }
}
