package io.concord.common.dm;

import io.concord.common.model.ChannelType;
import io.concord.common.model.User;
import java.util.List;
import java.util.Map;

/** A stored DM or group DM with all its recipients (the caller included), in the order they were added. */
public record DmRow(long id, int type, long ownerId, String name, String icon, List<Long> recipientIds) {

    public boolean group() {
        return type == ChannelType.GROUP_DM;
    }

    public boolean hasRecipient(long userId) {
        return recipientIds.contains(userId);
    }

    /** The channel as {@code viewer} sees it (recipients without the viewer). */
    public DmChannel view(long viewer, Map<Long, User> users, Long lastMessageId) {
        List<User> others = recipientIds.stream().filter(u -> u != viewer).map(users::get).filter(u -> u != null).toList();
        return new DmChannel(id, type, lastMessageId, others, group() ? ownerId : null, group() ? name : null, group() ? icon : null, 0);
    }
}
