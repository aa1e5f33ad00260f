package io.concord.common.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A message row as the CQL store keeps it; {@code guildId} is 0 in DMs. */
public record StoredMessage(
        long channelId,
        long id,
        long guildId,
        long authorId,
        int type,
        String content,
        Optional<String> nonce,
        Optional<Instant> editedAt,
        int flags,
        boolean tts,
        boolean mentionEveryone,
        List<Long> mentions,
        List<Long> mentionRoles,
        boolean pinned) {}
