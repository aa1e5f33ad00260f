package io.concord.api.members;

import io.concord.common.json.Json;
import io.concord.common.model.Member;
import io.concord.common.model.User;
import tools.jackson.databind.node.ObjectNode;

/**
 * Members and users as Discord writes them on these routes: fields without a value are sent as
 * {@code null} rather than left out, since clients treat a missing {@code nick} or
 * {@code communication_disabled_until} in GUILD_MEMBER_UPDATE as "unchanged", not "cleared".
 */
public final class MemberViews {
    private MemberViews() {}

    public static ObjectNode member(Member m) {
        ObjectNode json = (ObjectNode) Json.tree(m);
        for (String f : new String[] {"nick", "avatar", "premium_since", "communication_disabled_until"}) {
            if (!json.has(f)) json.putNull(f);
        }
        if (m.user() != null) json.set("user", user(m.user()));
        return json;
    }

    /** GUILD_MEMBER_UPDATE's {@code d}: the member plus {@code guild_id}. */
    public static ObjectNode memberEvent(long guildId, Member m) {
        ObjectNode json = member(m);
        json.put("guild_id", Long.toString(guildId));
        return json;
    }

    /** The public user object: never email or other private fields. */
    public static ObjectNode user(User u) {
        ObjectNode json = (ObjectNode) Json.tree(u);
        for (String f : new String[] {"global_name", "avatar"}) {
            if (!json.has(f)) json.putNull(f);
        }
        return json;
    }
}
