package io.concord.common.dm;

import io.concord.common.model.User;
import io.concord.common.user.UserRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A user's open DMs and group DMs as they see them: {@code GET /users/@me/channels} and READY {@code private_channels}. */
public final class PrivateChannels {
    private final DmRepository dms;
    private final UserRepository users;

    public PrivateChannels(DmRepository dms, UserRepository users) {
        this.dms = dms;
        this.users = users;
    }

    /** Two queries for the channels and recipients, one for the recipients' profiles. */
    public List<DmChannel> of(long userId) {
        List<DmRow> rows = dms.openFor(userId);
        if (rows.isEmpty()) return List.of();
        Map<Long, User> profiles = new HashMap<>();
        users.byIds(rows.stream().flatMap(r -> r.recipientIds().stream()).collect(Collectors.toSet()))
                .forEach((id, row) -> profiles.put(id, row.toUser()));
        return rows.stream().map(r -> r.view(userId, profiles, null)).toList();
    }
}
