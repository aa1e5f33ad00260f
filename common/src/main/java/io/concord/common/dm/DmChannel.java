package io.concord.common.dm;

import io.concord.common.json.IdString;
import io.concord.common.model.ChannelType;
import io.concord.common.model.User;
import java.util.List;

/**
 * Discord's DM (type 1) and group DM (type 3) channel object, as one viewer sees it: {@code recipients}
 * never holds the viewer. {@code owner_id}, {@code name} and {@code icon} are for group DMs (null, so
 * omitted, for a 1:1 DM).
 */
public record DmChannel(@IdString long id, int type, @IdString Long lastMessageId, List<User> recipients, @IdString Long ownerId,
                        String name, String icon, int flags) {

    public boolean group() {
        return type == ChannelType.GROUP_DM;
    }
}
