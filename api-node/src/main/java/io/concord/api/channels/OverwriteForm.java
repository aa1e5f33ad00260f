package io.concord.api.channels;

import io.concord.api.http.Form;
import io.concord.common.id.Snowflakes;
import io.concord.common.permission.Overwrite;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Parses {@code permission_overwrites} arrays and permission bitsets, reporting 50035 errors through a {@link Form}. */
public final class OverwriteForm {
    /** Discord's cap on overwrites per channel. */
    static final int MAX_OVERWRITES = 100;

    private OverwriteForm() {}

    public static List<Overwrite> overwrites(JsonNode array, Form form) {
        List<Overwrite> list = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        if (array == null || array.isNull()) return list;
        if (!array.isArray()) {
            form.error("permission_overwrites", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
            return list;
        }
        if (array.size() > MAX_OVERWRITES) {
            form.error("permission_overwrites", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_OVERWRITES + " or fewer in length.");
            return list;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode ow = array.get(i);
            String path = "permission_overwrites." + i;
            OptionalLong id = ow.isObject() ? Snowflakes.parse(ow.path("id").asString("")) : OptionalLong.empty();
            int type = type(ow.path("type"));
            OptionalLong allow = bits(ow.path("allow"));
            OptionalLong deny = bits(ow.path("deny"));
            if (id.isEmpty()) form.error(path + ".id", "NUMBER_TYPE_COERCE", "Value is not snowflake.");
            if (type != Overwrite.ROLE && type != Overwrite.MEMBER) form.error(path + ".type", "BASE_TYPE_CHOICES", "Value must be one of {0, 1}.");
            if (allow.isEmpty()) form.error(path + ".allow", "NUMBER_TYPE_COERCE", "Value is not a permission bitset.");
            if (deny.isEmpty()) form.error(path + ".deny", "NUMBER_TYPE_COERCE", "Value is not a permission bitset.");
            if (id.isPresent() && !seen.add(id.getAsLong())) {
                form.error(path + ".id", "DUPLICATE_OVERWRITE", "Only one overwrite per role or member.");
                continue;
            }
            if (id.isPresent() && allow.isPresent() && deny.isPresent() && (type == Overwrite.ROLE || type == Overwrite.MEMBER)) {
                list.add(new Overwrite(id.getAsLong(), type, allow.getAsLong(), deny.getAsLong()));
            }
        }
        return list;
    }

    /** 0 or 1, as a number or a numeric string (JDA sends numbers, some clients strings); -1 otherwise. */
    static int type(JsonNode n) {
        if (n.isIntegralNumber() && n.canConvertToInt()) return n.asInt();
        if (n.isString() && (n.stringValue().equals("0") || n.stringValue().equals("1"))) return Integer.parseInt(n.stringValue());
        if (n.isString() && n.stringValue().equals("role")) return Overwrite.ROLE;
        if (n.isString() && n.stringValue().equals("member")) return Overwrite.MEMBER;
        return -1;
    }

    /** A permission bitset as an unsigned decimal string or a non-negative number; absent or null means 0. */
    public static OptionalLong bits(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return OptionalLong.of(0);
        String s = n.isString() ? n.stringValue() : n.isIntegralNumber() ? n.asString() : "x";
        if (s.isEmpty() || s.length() > 20 || !s.chars().allMatch(Character::isDigit)) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseUnsignedLong(s));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
