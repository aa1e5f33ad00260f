package io.concord.api.invites;

import java.time.Instant;
import java.util.Optional;

record InviteRow(String code, long guildId, long channelId, long inviterId, int maxAge, int maxUses, int uses, boolean temporary,
                 Instant createdAt, Optional<Instant> expiresAt) {

    boolean usable(Instant now) {
        return (maxUses == 0 || uses < maxUses) && expiresAt.map(now::isBefore).orElse(true);
    }
}
