package io.concord.common.model;

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
        int flags) {

    /** {@code color} always equals {@code primary_color}; the other two make a gradient or holographic role. */
    public record Colors(int primaryColor, Integer secondaryColor, Integer tertiaryColor) {}

    public static Role create(long id, String name, int color, boolean hoist, int position, long permissions, boolean managed, boolean mentionable) {
        return new Role(id, name, color, new Colors(color, null, null), hoist, null, null, position, permissions, managed, mentionable, 0);
    }

    public boolean isEveryone(long guildId) {
        return id == guildId;
    }

    public Role withPosition(int newPosition) {
        return new Role(id, name, color, colors, hoist, icon, unicodeEmoji, newPosition, permissions, managed, mentionable, flags);
    }
}
