package io.concord.ws.lazy;

import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Who a message event reaches in a large guild even without a subscription to its channel: its
 * author, the users in {@code mentions}, holders of a role in {@code mention_roles}, and everyone
 * when {@code mention_everyone} (set by the api-node only where the author may mention @everyone or
 * @here; @here reaches every connected session, which is online by definition).
 */
public record Mentions(long messageId, long authorId, Set<Long> users, Set<Long> roles, boolean everyone) {
    static final Mentions NONE = new Mentions(0, 0, Set.of(), Set.of(), false);

    /** Event types a read-on-demand session gets only for subscribed channels (or mentions). */
    public static boolean readOnDemand(String type) {
        return type.startsWith("MESSAGE_") || type.equals("TYPING_START") || type.equals("CHANNEL_PINS_UPDATE");
    }

    public static Mentions of(String payload) {
        JsonNode d;
        try {
            d = Json.parse(payload);
        } catch (Json.MalformedJson e) {
            return NONE;
        }
        Set<Long> users = new HashSet<>();
        for (JsonNode u : d.path("mentions")) id(u.path("id")).ifPresent(users::add);
        Set<Long> roles = new HashSet<>();
        for (JsonNode r : d.path("mention_roles")) id(r).ifPresent(roles::add);
        return new Mentions(id(d.path("id")).orElse(0L), id(d.path("author").path("id")).orElse(0L), users, roles,
                d.path("mention_everyone").asBoolean(false));
    }

    public boolean reaches(long userId, Collection<Long> memberRoles) {
        if (everyone || userId == authorId || users.contains(userId)) return true;
        for (long r : memberRoles) if (roles.contains(r)) return true;
        return false;
    }

    /** Whether role membership matters (else the caller need not look the member up). */
    public boolean namesRoles() {
        return !roles.isEmpty();
    }

    private static java.util.Optional<Long> id(JsonNode n) {
        if (!n.isString()) return java.util.Optional.empty();
        var v = Snowflakes.parse(n.stringValue());
        return v.isPresent() ? java.util.Optional.of(v.getAsLong()) : java.util.Optional.empty();
    }
}
