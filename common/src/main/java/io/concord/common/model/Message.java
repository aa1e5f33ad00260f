package io.concord.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.concord.common.json.IdString;
import io.concord.common.json.IdStrings;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Discord's message object. {@code member} is set on guild messages in gateway events.
 * {@code referencedMessage} is absent on a message that is not a reply and JSON null on a reply whose
 * message was deleted ({@link #DELETED_REFERENCE}); {@code reactions} is absent when there are none.
 */
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
        int flags,
        MessageReference messageReference,
        Object referencedMessage,
        List<Reaction> reactions) {

    public static final int DEFAULT = 0;
    public static final int REPLY = 19;
    /** Serialises as {@code "referenced_message": null}, as Discord answers for a deleted original. */
    public static final Object DELETED_REFERENCE = tools.jackson.databind.node.NullNode.getInstance();

    public Message(long id, int type, long channelId, Long guildId, User author, Member member, String content,
                   OffsetDateTime timestamp, OffsetDateTime editedTimestamp, boolean tts, boolean mentionEveryone,
                   List<User> mentions, List<Long> mentionRoles, List<Object> attachments, List<Object> embeds,
                   List<Object> components, String nonce, boolean pinned, int flags) {
        this(id, type, channelId, guildId, author, member, content, timestamp, editedTimestamp, tts, mentionEveryone, mentions,
                mentionRoles, attachments, embeds, components, nonce, pinned, flags, null, null, null);
    }

    /** A reply's pointer to the original: Discord's {@code message_reference}, type 0 (DEFAULT). */
    public record MessageReference(int type, @IdString long messageId, @IdString long channelId, @IdString Long guildId) {}

    /** One emoji's reactions; {@code me} is relative to whoever asked. */
    public record Reaction(int count, CountDetails countDetails, boolean me, boolean meBurst, List<String> burstColors, Emoji emoji) {
        public static Reaction of(Emoji emoji, int count, boolean me) {
            return new Reaction(count, new CountDetails(0, count), me, false, List.of(), emoji);
        }
    }

    public record CountDetails(int burst, int normal) {}

    /** A reaction emoji: {@code id} null (sent as JSON null) for a unicode emoji. */
    public record Emoji(@JsonInclude(JsonInclude.Include.ALWAYS) @IdString Long id, String name) {}

    public Message withMember(Member m) {
        return new Message(id, type, channelId, guildId, author, m, content, timestamp, editedTimestamp, tts,
                mentionEveryone, mentions, mentionRoles, attachments, embeds, components, nonce, pinned, flags,
                messageReference, referencedMessage, reactions);
    }

    public Message withReactions(List<Reaction> r) {
        return new Message(id, type, channelId, guildId, author, member, content, timestamp, editedTimestamp, tts,
                mentionEveryone, mentions, mentionRoles, attachments, embeds, components, nonce, pinned, flags,
                messageReference, referencedMessage, r.isEmpty() ? null : List.copyOf(r));
    }
}
