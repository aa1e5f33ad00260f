package io.concord.api.messages;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Who a message's content mentions, after {@code allowed_mentions}: the candidates still have to
 * exist (members, roles) and @everyone needs MENTION_EVERYONE, which the caller checks.
 */
record Mentions(List<Long> users, List<Long> roles, boolean everyone) {
    private static final Pattern USER = Pattern.compile("<@!?(\\d{1,20})>");
    private static final Pattern ROLE = Pattern.compile("<@&(\\d{1,20})>");
    private static final int MAX_EACH = 100;

    static Mentions parse(String content, JsonNode allowed) {
        boolean restricted = allowed != null && allowed.isObject();
        Set<String> parse = new java.util.HashSet<>();
        if (restricted && allowed.path("parse").isArray()) allowed.path("parse").forEach(p -> parse.add(p.asString("")));
        Set<Long> explicitUsers = ids(restricted ? allowed.path("users") : null);
        Set<Long> explicitRoles = ids(restricted ? allowed.path("roles") : null);

        List<Long> users = new ArrayList<>();
        for (long id : found(USER, content)) {
            if (!restricted || parse.contains("users") || explicitUsers.contains(id)) users.add(id);
        }
        List<Long> roles = new ArrayList<>();
        for (long id : found(ROLE, content)) {
            if (!restricted || parse.contains("roles") || explicitRoles.contains(id)) roles.add(id);
        }
        boolean everyone = (content.contains("@everyone") || content.contains("@here")) && (!restricted || parse.contains("everyone"));
        return new Mentions(users, roles, everyone);
    }

    private static Set<Long> found(Pattern p, String content) {
        Set<Long> ids = new LinkedHashSet<>();
        Matcher m = p.matcher(content);
        while (m.find() && ids.size() < MAX_EACH) {
            try {
                ids.add(Long.parseUnsignedLong(m.group(1)));
            } catch (NumberFormatException e) {
                // more than 64 bits: not an id, not a mention
            }
        }
        return ids;
    }

    private static Set<Long> ids(JsonNode array) {
        Set<Long> ids = new java.util.HashSet<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> io.concord.common.id.Snowflakes.parse(n.isString() ? n.stringValue() : n.asString("")).ifPresent(ids::add));
        }
        return ids;
    }
}
