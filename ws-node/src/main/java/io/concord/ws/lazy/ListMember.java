package io.concord.ws.lazy;

import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import io.concord.ws.presence.PresenceService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One guild member as the member lists show them: the member object in one canonical shape (fixed
 * fields, nulls written out, roles by id) whether it came from the database or from a
 * GUILD_MEMBER_ADD/UPDATE payload, and what others see of their presence ({@code null}: offline).
 * Immutable: every change makes a new one.
 */
final class ListMember {
    /** Within a group: display name ignoring case, then the exact display name, then the user id. */
    static final Comparator<ListMember> ORDER = Comparator.comparing((ListMember m) -> m.sortKey)
            .thenComparing(m -> m.displayName)
            .thenComparing((a, b) -> Long.compareUnsigned(a.userId, b.userId));

    final long userId;
    final List<Long> roles;
    final String displayName;
    final String sortKey;
    /** The canonical member JSON object. */
    final String member;
    /** {@code {status, activities, client_status}} as others see it, or null when offline. */
    final String presence;

    private ListMember(long userId, List<Long> roles, String displayName, String member, String presence) {
        this.userId = userId;
        this.roles = roles;
        this.displayName = displayName;
        this.sortKey = displayName.toLowerCase(Locale.ROOT);
        this.member = member;
        this.presence = presence;
    }

    boolean online() {
        return presence != null;
    }

    ListMember withPresence(String visible) {
        return new ListMember(userId, roles, displayName, member, visible);
    }

    ListMember withoutRole(long roleId) {
        if (!roles.contains(roleId)) return this;
        ObjectNode json = (ObjectNode) Json.parse(member);
        List<Long> kept = new ArrayList<>(roles);
        kept.remove(roleId);
        json.set("roles", roleArray(kept));
        return new ListMember(userId, List.copyOf(kept), displayName, Json.write(json), presence);
    }

    /** The list item: {@code {"member": {...member, "presence": {...}}}}. */
    String item() {
        String p = PresenceService.entry(userId, presence == null ? OFFLINE : presence);
        return "{\"member\":" + member.substring(0, member.length() - 1) + ",\"presence\":" + p + "}}";
    }

    static final String OFFLINE = "{\"status\":\"offline\",\"activities\":[],\"client_status\":{}}";

    /**
     * From a member object (the database's, encoded, or an event payload's); empty when it has no
     * readable {@code user.id}.
     */
    static Optional<ListMember> of(JsonNode source, String presence) {
        JsonNode user = source.path("user");
        if (!user.path("id").isString()) return Optional.empty();
        var id = Snowflakes.parse(user.path("id").stringValue());
        if (id.isEmpty()) return Optional.empty();
        List<Long> roles = new ArrayList<>();
        for (JsonNode r : source.path("roles")) {
            if (r.isString()) Snowflakes.parse(r.stringValue()).ifPresent(roles::add);
        }
        roles.sort(Long::compareUnsigned);
        ObjectNode u = Json.object();
        u.put("id", Long.toUnsignedString(id.getAsLong()));
        text(u, "username", user);
        text(u, "global_name", user);
        text(u, "avatar", user);
        u.put("discriminator", user.path("discriminator").isString() ? user.path("discriminator").stringValue() : "0");
        u.put("public_flags", user.path("public_flags").asInt(0));
        if (user.path("bot").asBoolean(false)) u.put("bot", true);
        ObjectNode m = Json.object();
        m.set("user", u);
        text(m, "nick", source);
        text(m, "avatar", source);
        m.set("roles", roleArray(roles));
        text(m, "joined_at", source);
        text(m, "premium_since", source);
        m.put("deaf", source.path("deaf").asBoolean(false));
        m.put("mute", source.path("mute").asBoolean(false));
        m.put("flags", source.path("flags").asInt(0));
        m.put("pending", source.path("pending").asBoolean(false));
        text(m, "communication_disabled_until", source);
        String display = firstText(source.path("nick"), user.path("global_name"), user.path("username"));
        return Optional.of(new ListMember(id.getAsLong(), List.copyOf(roles), display, Json.write(m), presence));
    }

    private static ArrayNode roleArray(List<Long> roles) {
        ArrayNode a = Json.mapper().createArrayNode();
        List<Long> sorted = new ArrayList<>(roles);
        sorted.sort(Long::compareUnsigned);
        Collections.unmodifiableList(sorted).forEach(r -> a.add(Long.toUnsignedString(r)));
        return a;
    }

    private static void text(ObjectNode into, String field, JsonNode from) {
        JsonNode v = from.path(field);
        if (v.isString()) into.put(field, v.stringValue());
        else into.putNull(field);
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode n : nodes) if (n.isString() && !n.stringValue().isEmpty()) return n.stringValue();
        return "";
    }
}
