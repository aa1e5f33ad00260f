package io.concord.common.model;

import io.concord.common.json.IdStrings;
import java.time.OffsetDateTime;
import java.util.List;

/** Discord's guild member object; {@code user} is left out where Discord leaves it out (a message's member). */
public record Member(
        User user,
        String nick,
        String avatar,
        @IdStrings List<Long> roles,
        OffsetDateTime joinedAt,
        OffsetDateTime premiumSince,
        boolean deaf,
        boolean mute,
        int flags,
        boolean pending,
        OffsetDateTime communicationDisabledUntil) {

    /** A member without a guild avatar or boost. */
    public Member(User user, String nick, List<Long> roles, OffsetDateTime joinedAt, boolean deaf, boolean mute, int flags,
                  boolean pending, OffsetDateTime communicationDisabledUntil) {
        this(user, nick, null, roles, joinedAt, null, deaf, mute, flags, pending, communicationDisabledUntil);
    }

    public Member withoutUser() {
        return new Member(null, nick, avatar, roles, joinedAt, premiumSince, deaf, mute, flags, pending, communicationDisabledUntil);
    }
}
