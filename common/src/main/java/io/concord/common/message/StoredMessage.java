package io.concord.common.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message row as the CQL store keeps it; {@code guildId} is 0 in DMs, {@code referencedMessageId}
 * 0 when the message is not a reply (a reply always points into its own channel).
 */
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
        boolean pinned,
        long referencedMessageId,
        Optional<Instant> pinnedAt) {

    public StoredMessage withMentions(boolean everyone, List<Long> users, List<Long> roles) {
        return new StoredMessage(channelId, id, guildId, authorId, type, content, nonce, editedAt, flags, tts, everyone, users, roles,
                pinned, referencedMessageId, pinnedAt);
    }

    public StoredMessage withEdit(String newContent, int newFlags, Instant at) {
        return new StoredMessage(channelId, id, guildId, authorId, type, newContent, nonce, Optional.of(at), newFlags, tts,
                mentionEveryone, mentions, mentionRoles, pinned, referencedMessageId, pinnedAt);
    }

    /** The row with its content blanked, for a reader not allowed to see it. */
    public StoredMessage withoutContent() {
        return new StoredMessage(channelId, id, guildId, authorId, type, "", nonce, editedAt, flags, tts, mentionEveryone, mentions,
                mentionRoles, pinned, referencedMessageId, pinnedAt);
    }

    public StoredMessage withPin(Optional<Instant> at) {
        return new StoredMessage(channelId, id, guildId, authorId, type, content, nonce, editedAt, flags, tts, mentionEveryone,
                mentions, mentionRoles, at.isPresent(), referencedMessageId, at);
    }
}
