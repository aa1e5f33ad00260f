package io.concord.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.concord.common.json.IdString;

/** Discord's role object; JDA requires {@code colors.primary_color}. The @everyone role's id is the guild's. */
public record Role(
        @IdString long id,
        String name,
        int color,
        Colors colors,
        boolean hoist,
        String icon,
        String unicodeEmoji,
        int position,
        @IdString long permissions,
        boolean managed,
        boolean mentionable,
        int flags,
        @JsonInclude(JsonInclude.Include.NON_NULL) Tags tags) {

    /** {@code color} always equals {@code primary_color}; the other two make a gradient or holographic role. */
    public record Colors(int primaryColor, Integer secondaryColor, Integer tertiaryColor) {}

    /** Discord's role tags; {@code bot_id} marks the managed role a bot got when it was added to the guild. */
    public record Tags(@IdString Long botId) {}

    public static Role create(long id, String name, int color, boolean hoist, int position, long permissions, boolean managed, boolean mentionable) {
        return new Role(id, name, color, new Colors(color, null, null), hoist, null, null, position, permissions, managed, mentionable, 0, null);
    }

    /** This role as the managed role of the given bot. */
    public Role forBot(long botId) {
        return new Role(id, name, color, colors, hoist, icon, unicodeEmoji, position, permissions, true, mentionable, flags, new Tags(botId));
    }

    public boolean isEveryone(long guildId) {
        return id == guildId;
    }

    public Role withPosition(int newPosition) {
        return new Role(id, name, color, colors, hoist, icon, unicodeEmoji, newPosition, permissions, managed, mentionable, flags, tags);
    }
}
