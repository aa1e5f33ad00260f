package io.concord.api.messages;

import io.concord.api.events.EventPublisher;
import io.concord.common.guild.MemberRepository;
import io.concord.common.json.IdString;
import io.concord.common.json.IdStrings;
import io.concord.common.message.StoredMessage;
import io.concord.common.model.Message;
import java.util.List;

/** The message dispatches, all channel-scoped; guild messages carry the author's member (without user). */
final class MessageEvents {
    private final EventPublisher events;
    private final MemberRepository members;
    private final MessageViews views;

    record MessageDelete(@IdString long id, @IdString long channelId, @IdString Long guildId) {}

    record MessageDeleteBulk(@IdStrings List<Long> ids, @IdString long channelId, @IdString Long guildId) {}

    MessageEvents(EventPublisher events, MemberRepository members, MessageViews views) {
        this.events = events;
        this.members = members;
        this.views = views;
    }

    /** A dispatch rendered and ready to publish: {@code message} as answered, {@code payload} as dispatched (with the member). */
    record Prepared(String type, StoredMessage row, Message message, Message payload) {}

    /** MESSAGE_CREATE or MESSAGE_UPDATE with the full message; returns it as rendered (no member). */
    Message publish(String type, StoredMessage row) {
        return publish(prepare(type, row));
    }

    /** Renders the message and reads the author's member, publishing nothing (it reads only, so it may overlap the message's write). */
    Prepared prepare(String type, StoredMessage row) {
        Message message = type.equals("MESSAGE_CREATE") ? views.renderNew(row) : views.render(row, 0);
        var member = members.find(row.guildId(), row.authorId()).map(m -> m.withoutUser()).orElse(null);
        return new Prepared(type, row, message, message.withMember(member));
    }

    Message publish(Prepared p) {
        events.publish(p.type(), p.row().guildId(), p.row().channelId(), List.of(), p.payload());
        return p.message();
    }

    void deleted(StoredMessage row) {
        events.publish("MESSAGE_DELETE", row.guildId(), row.channelId(), List.of(), new MessageDelete(row.id(), row.channelId(), row.guildId() == 0 ? null : row.guildId()));
    }

    void bulkDeleted(long guildId, long channelId, List<Long> ids) {
        events.publish("MESSAGE_DELETE_BULK", guildId, channelId, List.of(), new MessageDeleteBulk(ids, channelId, guildId == 0 ? null : guildId));
    }

    void publishRaw(String type, long guildId, long channelId, Object payload) {
        events.publish(type, guildId, channelId, List.of(), payload);
    }
}
