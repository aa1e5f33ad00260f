package io.concord.api.messages;

import io.concord.common.message.StoredMessage;
import io.concord.common.model.Message;
import io.concord.common.model.User;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns stored rows into Discord message objects, looking up every author and mentioned user once. */
final class MessageViews {
    private final UserRepository users;

    MessageViews(UserRepository users) {
        this.users = users;
    }

    List<Message> render(List<StoredMessage> rows) {
        Set<Long> ids = new HashSet<>();
        rows.forEach(r -> {
            ids.add(r.authorId());
            ids.addAll(r.mentions());
        });
        Map<Long, UserRow> byId = users.byIds(ids);
        return rows.stream().map(r -> render(r, byId)).toList();
    }

    Message render(StoredMessage r) {
        return render(List.of(r)).getFirst();
    }

    private static Message render(StoredMessage r, Map<Long, UserRow> users) {
        User author = users.containsKey(r.authorId()) ? users.get(r.authorId()).toUser() : User.of(r.authorId(), "Deleted User", null, false);
        List<User> mentions = r.mentions().stream().filter(users::containsKey).map(id -> users.get(id).toUser()).toList();
        return new Message(r.id(), r.type(), r.channelId(), r.guildId() == 0 ? null : r.guildId(), author, null, r.content(),
                io.concord.common.id.Snowflakes.instant(r.id()).atOffset(ZoneOffset.UTC),
                r.editedAt().map(e -> e.atOffset(ZoneOffset.UTC)).orElse(null), r.tts(), r.mentionEveryone(), mentions,
                r.mentionRoles(), List.of(), List.of(), List.of(), r.nonce().orElse(null), r.pinned(), r.flags());
    }
}
