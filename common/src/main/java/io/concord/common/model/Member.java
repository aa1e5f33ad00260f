package io.concord.common.model;

import io.concord.common.json.IdStrings;
import java.time.OffsetDateTime;
import java.util.List;

/** Discord's guild member object; {@code user} is left out where Discord leaves it out (a message's member). */
public record Member(
        User user,
        String nick,
        @IdStrings List<Long> roles,
        OffsetDateTime joinedAt,
        boolean deaf,
        boolean mute,
        int flags,
        boolean pending,
        OffsetDateTime communicationDisabledUntil) {

    public Member withoutUser() {
        return new Member(null, nick, roles, joinedAt, deaf, mute, flags, pending, communicationDisabledUntil);
    }
}
