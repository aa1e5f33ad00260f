package io.concord.api.messages;

import io.concord.api.http.Form;
import io.concord.common.id.Snowflakes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
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
    private static final Set<String> PARSE_TYPES = Set.of("users", "roles", "everyone");

    /**
     * {@code allowed_mentions} as Discord reads it: absent means parse everything and ping the replied-to
     * author; present means only what {@code parse} and the id lists allow, and {@code replied_user}
     * defaults to false.
     */
    record Allowed(boolean given, Set<String> parse, Set<Long> users, Set<Long> roles, boolean repliedUser) {
        static final Allowed DEFAULT = new Allowed(false, PARSE_TYPES, Set.of(), Set.of(), true);

        boolean users(long id) {
            return parse.contains("users") || users.contains(id);
        }

        boolean roles(long id) {
            return parse.contains("roles") || roles.contains(id);
        }

        /** Validates the field into {@code form} (50035 at {@code allowed_mentions...}). */
        static Allowed read(JsonNode node, Form form) {
            if (node == null || node.isNull()) return DEFAULT;
            String at = "allowed_mentions";
            if (!node.isObject()) {
                form.error(at, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
                return DEFAULT;
            }
            Set<String> parse = new HashSet<>();
            JsonNode p = node.get("parse");
            if (p != null && !p.isNull()) {
                if (!p.isArray()) {
                    form.error(at + ".parse", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
                } else {
                    for (int i = 0; i < p.size(); i++) {
                        JsonNode v = p.get(i);
                        if (v.isString() && PARSE_TYPES.contains(v.stringValue())) parse.add(v.stringValue());
                        else form.error(at + ".parse." + i, "ENUM_TYPE_COERCE", "Value \"" + text(v) + "\" is not a valid enum value.");
                    }
                }
            }
            Set<Long> users = idList(node.get("users"), at + ".users", form);
            Set<Long> roles = idList(node.get("roles"), at + ".roles", form);
            if (parse.contains("users") && !users.isEmpty()) {
                form.error(at, "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", "parse:[\"users\"] and users: [ids] are mutually exclusive.");
            }
            if (parse.contains("roles") && !roles.isEmpty()) {
                form.error(at, "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", "parse:[\"roles\"] and roles: [ids] are mutually exclusive.");
            }
            boolean replied = false;
            JsonNode r = node.get("replied_user");
            if (r != null && !r.isNull()) {
                if (r.isBoolean()) replied = r.booleanValue();
                else form.error(at + ".replied_user", "BOOLEAN_TYPE_CONVERT", "Could not interpret \"" + text(r) + "\" as boolean.");
            }
            return new Allowed(true, Set.copyOf(parse), users, roles, replied);
        }

        private static Set<Long> idList(JsonNode n, String at, Form form) {
            Set<Long> ids = new HashSet<>();
            if (n == null || n.isNull()) return ids;
            if (!n.isArray()) {
                form.error(at, "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
                return ids;
            }
            if (n.size() > MAX_EACH) {
                form.error(at, "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_EACH + " or fewer in length.");
                return ids;
            }
            for (int i = 0; i < n.size(); i++) {
                JsonNode v = n.get(i);
                String raw = v.isString() ? v.stringValue() : v.isIntegralNumber() ? v.asString() : v.toString();
                OptionalLong id = Snowflakes.parse(raw);
                if (id.isPresent()) ids.add(id.getAsLong());
                else form.error(at + "." + i, "NUMBER_TYPE_COERCE", "Value \"" + text(v) + "\" is not snowflake.");
            }
            return ids;
        }

        private static String text(JsonNode v) {
            String s = v.isString() ? v.stringValue() : v.toString();
            return s.length() > 40 ? s.substring(0, 40) + "..." : s;
        }
    }

    static Mentions parse(String content, Allowed allowed) {
        List<Long> users = new ArrayList<>();
        for (long id : found(USER, content)) if (allowed.users(id)) users.add(id);
        List<Long> roles = new ArrayList<>();
        for (long id : found(ROLE, content)) if (allowed.roles(id)) roles.add(id);
        boolean everyone = (content.contains("@everyone") || content.contains("@here")) && allowed.parse().contains("everyone");
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
}
