package io.concord.common.model;

import io.concord.common.json.IdString;
import io.concord.common.json.IdStrings;
import java.time.OffsetDateTime;
import java.util.List;

/** Discord's message object. {@code member} is set on guild messages in gateway events. */
public record Message(
        @IdString long id,
        int type,
        @IdString long channelId,
        @IdString Long guildId,
        User author,
        Member member,
        String content,
        OffsetDateTime timestamp,
        OffsetDateTime editedTimestamp,
        boolean tts,
        boolean mentionEveryone,
        List<User> mentions,
        @IdStrings List<Long> mentionRoles,
        List<Object> attachments,
        List<Object> embeds,
        List<Object> components,
        String nonce,
        boolean pinned,
        int flags) {

    public Message withMember(Member m) {
        return new Message(id, type, channelId, guildId, author, m, content, timestamp, editedTimestamp, tts,
                mentionEveryone, mentions, mentionRoles, attachments, embeds, components, nonce, pinned, flags);
    }
}
