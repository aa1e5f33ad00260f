package io.concord.api.messages;

import io.concord.api.reactions.Emojis;
import io.concord.common.id.Snowflakes;
import io.concord.common.message.MessageRepository;
import io.concord.common.message.ReactionRepository;
import io.concord.common.message.StoredMessage;
import io.concord.common.model.Message;
import io.concord.common.model.User;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import java.util.Set;

/**
 * Turns stored rows into Discord message objects: every author and mentioned user looked up once,
 * the originals of replies, and reaction counts with {@code me} relative to the viewer (0 = nobody,
 * as in gateway events).
 */
public final class MessageViews {
    private final UserRepository users;
    private final MessageRepository messages;
    private final ReactionRepository reactions;
    private final ContentAccess contentAccess;

    public MessageViews(UserRepository users, MessageRepository messages, ReactionRepository reactions, ContentAccess contentAccess) {
        this.users = users;
        this.messages = messages;
        this.reactions = reactions;
        this.contentAccess = contentAccess;
    }

    public List<Message> render(List<StoredMessage> rows, long viewerId) {
        return render(rows, viewerId, true);
    }

    /** A message just created, as its MESSAGE_CREATE carries it: it has no reactions yet, so none are read. */
    public Message renderNew(StoredMessage r) {
        return render(List.of(r), 0, false).getFirst();
    }

    /** As {@link #render(List, long)} without reactions (search answers carry none), so none are read. */
    public List<Message> renderWithoutReactions(List<StoredMessage> rows, long viewerId) {
        return render(rows, viewerId, false);
    }

    private List<Message> render(List<StoredMessage> rows, long viewerId, boolean withReactions) {
        Map<Long, StoredMessage> originals = new HashMap<>();
        for (StoredMessage r : rows) {
            if (r.referencedMessageId() != 0 && !originals.containsKey(r.referencedMessageId())) {
                messages.find(r.channelId(), r.referencedMessageId()).ifPresent(o -> originals.put(o.id(), o));
            }
        }
        Set<Long> ids = new HashSet<>();
        for (StoredMessage r : rows) {
            ids.add(r.authorId());
            ids.addAll(r.mentions());
        }
        for (StoredMessage r : originals.values()) {
            ids.add(r.authorId());
            ids.addAll(r.mentions());
        }
        if (viewerId != 0) ids.add(viewerId);
        Map<Long, UserRow> byId = users.byIds(ids);
        UserRow viewer = byId.get(viewerId);
        boolean readsContent = viewer == null || contentAccess.readsContent(viewer);
        Map<Long, List<ReactionRepository.Count>> counts = new HashMap<>();
        Set<ReactionRepository.Mine> mine = new HashSet<>();
        if (withReactions) rows.stream().map(StoredMessage::channelId).distinct().forEach(c -> {
            List<Long> inChannel = rows.stream().filter(r -> r.channelId() == c).map(StoredMessage::id).toList();
            Map<Long, List<ReactionRepository.Count>> found = reactions.counts(c, inChannel);
            counts.putAll(found);
            if (viewerId != 0 && !found.isEmpty()) {
                Set<String> emojis = new HashSet<>();
                found.values().forEach(list -> list.forEach(n -> emojis.add(n.emoji())));
                mine.addAll(reactions.reactedBy(c, found.keySet(), emojis, viewerId));
            }
        });
        return rows.stream().map(r -> {
            Message m = plain(readable(r, viewerId, readsContent), byId);
            if (r.referencedMessageId() != 0) {
                StoredMessage o = originals.get(r.referencedMessageId());
                m = withReference(m, r, o == null ? Message.DELETED_REFERENCE : plain(readable(o, viewerId, readsContent), byId));
            }
            return m.withReactions(reactionsOf(r, counts.getOrDefault(r.id(), List.of()), mine));
        }).toList();
    }

    public Message render(StoredMessage r, long viewerId) {
        return render(List.of(r), viewerId).getFirst();
    }

    /** The row as this reader may see it: content blanked for a bot without MESSAGE_CONTENT, except its own, its mentions and DMs. */
    private static StoredMessage readable(StoredMessage r, long viewerId, boolean readsContent) {
        if (readsContent || r.guildId() == 0 || r.authorId() == viewerId || r.mentions().contains(viewerId)) return r;
        return r.withoutContent();
    }

    private static List<Message.Reaction> reactionsOf(StoredMessage r, List<ReactionRepository.Count> counts, Set<ReactionRepository.Mine> mine) {
        return counts.stream().map(c -> Message.Reaction.of(Emojis.model(c.emoji()), (int) c.count(),
                mine.contains(new ReactionRepository.Mine(r.id(), c.emoji())))).toList();
    }

    private static Message withReference(Message m, StoredMessage r, Object original) {
        var ref = new Message.MessageReference(0, r.referencedMessageId(), r.channelId(), r.guildId() == 0 ? null : r.guildId());
        return new Message(m.id(), m.type(), m.channelId(), m.guildId(), m.author(), m.member(), m.content(), m.timestamp(),
                m.editedTimestamp(), m.tts(), m.mentionEveryone(), m.mentions(), m.mentionRoles(), m.attachments(), m.embeds(),
                m.components(), m.nonce(), m.pinned(), m.flags(), ref, original, m.reactions());
    }

    private static Message plain(StoredMessage r, Map<Long, UserRow> users) {
        User author = users.containsKey(r.authorId()) ? users.get(r.authorId()).toUser() : User.of(r.authorId(), "Deleted User", null, false);
        List<User> mentions = r.mentions().stream().filter(users::containsKey).map(id -> users.get(id).toUser()).toList();
        Message m = new Message(r.id(), r.type(), r.channelId(), r.guildId() == 0 ? null : r.guildId(), author, null, r.content(),
                Snowflakes.instant(r.id()).atOffset(ZoneOffset.UTC),
                r.editedAt().map(e -> e.atOffset(ZoneOffset.UTC)).orElse(null), r.tts(), r.mentionEveryone(), mentions,
                r.mentionRoles(), List.of(), List.of(), List.of(), r.nonce().orElse(null), r.pinned(), r.flags());
        if (r.referencedMessageId() == 0) return m;
        // an original inside a reply carries its own reference, never its own original
        var ref = new Message.MessageReference(0, r.referencedMessageId(), r.channelId(), r.guildId() == 0 ? null : r.guildId());
        return new Message(m.id(), m.type(), m.channelId(), m.guildId(), m.author(), null, m.content(), m.timestamp(),
                m.editedTimestamp(), m.tts(), m.mentionEveryone(), m.mentions(), m.mentionRoles(), m.attachments(), m.embeds(),
                m.components(), m.nonce(), m.pinned(), m.flags(), ref, null, null);
    }

}
