package io.concord.ws.presence;

import io.concord.ws.gateway.GatewayClose;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An op 3 PRESENCE_UPDATE (or IDENTIFY's {@code presence}), validated: {@code status} one of
 * online, idle, dnd, invisible, offline; at most {@link #MAX_ACTIVITIES} activities with a name and a
 * type 0-6. Anything else is a decode error (4002), as Discord answers payloads it cannot read.
 */
public record Presence(Status status, List<Activity> activities, long since, boolean afk) {
    static final int MAX_ACTIVITIES = 5;
    static final int MAX_NAME = 128;
    static final int MAX_URL = 512;

    public static final Presence ONLINE = new Presence(Status.ONLINE, List.of(), 0, false);

    public static Presence parse(JsonNode d, long nowMs) {
        if (d == null || !d.isObject()) throw GatewayClose.decodeError("Invalid presence");
        Status status = d.path("status").isString()
                ? Status.parse(d.get("status").stringValue()).orElseThrow(() -> GatewayClose.decodeError("Invalid presence status"))
                : fail("Invalid presence status");
        JsonNode since = d.get("since");
        if (since != null && !since.isNull() && !(since.isIntegralNumber() && since.canConvertToLong() && since.longValue() >= 0)) {
            fail("Invalid presence since");
        }
        JsonNode afk = d.get("afk");
        if (afk != null && !afk.isNull() && !afk.isBoolean()) fail("Invalid presence afk");
        return new Presence(status, activities(d.get("activities"), nowMs),
                since == null || since.isNull() ? 0 : since.longValue(), afk != null && afk.booleanValue());
    }

    private static List<Activity> activities(JsonNode node, long nowMs) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray() || node.size() > MAX_ACTIVITIES) fail("Invalid presence activities");
        List<Activity> list = new ArrayList<>(node.size());
        for (JsonNode a : node) {
            if (!a.isObject() || !a.path("name").isString() || !a.path("type").isIntegralNumber()) fail("Invalid activity");
            String name = a.get("name").stringValue();
            int type = a.get("type").canConvertToInt() ? a.get("type").intValue() : -1;
            if (name.isEmpty() || name.length() > MAX_NAME || type < 0 || type > 6) fail("Invalid activity");
            list.add(new Activity(name, type, text(a.get("url"), MAX_URL), text(a.get("state"), MAX_NAME), nowMs));
        }
        return List.copyOf(list);
    }

    private static String text(JsonNode node, int max) {
        if (node == null || node.isNull()) return null;
        if (!node.isString() || node.stringValue().length() > max) fail("Invalid activity");
        return node.stringValue();
    }

    private static <T> T fail(String reason) {
        throw GatewayClose.decodeError(reason);
    }
}
