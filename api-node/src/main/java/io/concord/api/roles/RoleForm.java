package io.concord.api.roles;

import io.concord.api.channels.OverwriteForm;
import io.concord.api.http.Call;
import io.concord.api.http.Form;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/** Parses role bodies with Discord's limits: name up to 100, colours 0..0xFFFFFF, permissions as an unsigned decimal string. */
final class RoleForm {
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_COLOR = 0xFFFFFF;
    static final int MAX_EMOJI_LENGTH = 32;

    private RoleForm() {}

    static RoleEdit parse(Call call) {
        Form form = call.form();
        JsonNode body = call.json();
        Optional<String> name = form.string("name", 0, MAX_NAME_LENGTH, false).map(String::strip);
        Optional<Long> permissions = Optional.empty();
        if (form.has("permissions")) {
            OptionalLong bits = OverwriteForm.bits(body.get("permissions"));
            if (bits.isEmpty()) form.error("permissions", "NUMBER_TYPE_COERCE", "Value is not a permission bitset.");
            else permissions = Optional.of(bits.getAsLong());
        }
        Optional<Integer> color = optionalInt(form, "color", 0, MAX_COLOR);
        Optional<Integer> secondary = Optional.empty();
        Optional<Integer> tertiary = Optional.empty();
        boolean clearSecondary = false;
        boolean clearTertiary = false;
        JsonNode colors = body.get("colors");
        if (colors != null && !colors.isNull()) {
            if (!colors.isObject()) {
                form.error("colors", "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
            } else {
                Optional<Integer> primary = color(form, colors, "primary_color");
                if (primary.isPresent()) color = primary;
                secondary = color(form, colors, "secondary_color");
                tertiary = color(form, colors, "tertiary_color");
                clearSecondary = colors.has("secondary_color") && colors.get("secondary_color").isNull();
                clearTertiary = colors.has("tertiary_color") && colors.get("tertiary_color").isNull();
                if (tertiary.isPresent() && secondary.isEmpty()) {
                    form.error("colors.tertiary_color", "ROLE_COLORS_INVALID", "A tertiary colour needs a secondary colour.");
                }
            }
        }
        Optional<Boolean> hoist = form.has("hoist") ? Optional.of(form.bool("hoist", false)) : Optional.empty();
        Optional<Boolean> mentionable = form.has("mentionable") ? Optional.of(form.bool("mentionable", false)) : Optional.empty();
        if (form.has("icon")) form.error("icon", "IMAGE_UNSUPPORTED", "Concord stores no images; only null is accepted.");
        Optional<String> emoji = form.string("unicode_emoji", 1, MAX_EMOJI_LENGTH, false);
        form.done();
        return new RoleEdit(name, permissions, color, secondary, clearSecondary, tertiary, clearTertiary, hoist, mentionable,
                emoji, body.has("unicode_emoji") && body.get("unicode_emoji").isNull());
    }

    private static Optional<Integer> optionalInt(Form form, String name, int min, int max) {
        if (!form.has(name)) return Optional.empty();
        int v = form.integer(name, min, max, Integer.MIN_VALUE);
        return v == Integer.MIN_VALUE ? Optional.empty() : Optional.of(v);
    }

    private static Optional<Integer> color(Form form, JsonNode colors, String field) {
        JsonNode n = colors.get(field);
        if (n == null || n.isNull()) return Optional.empty();
        String path = "colors." + field;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            form.error(path, "NUMBER_TYPE_COERCE", "Value is not int.");
            return Optional.empty();
        }
        int v = n.asInt();
        if (v < 0 || v > MAX_COLOR) {
            form.error(path, v < 0 ? "NUMBER_TYPE_MIN" : "NUMBER_TYPE_MAX", "int value should be between 0 and " + MAX_COLOR + ".");
            return Optional.empty();
        }
        return Optional.of(v);
    }
}
