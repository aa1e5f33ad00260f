package io.concord.common.model;

import io.concord.common.json.IdString;

/**
 * Discord's role object; JDA requires {@code colors.primary_color}. The @everyone role's id is the guild's.
 * {@code tags} is absent for ordinary roles; a bot's managed role carries {@code {bot_id}} (JDA's
 * {@code Guild#getBotRole} finds the role by it).
 */
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
        Tags tags) {

    /** Discord's role tags; only {@code bot_id} is used so far. */
    public record Tags(@IdString Long botId) {
        public static Tags bot(long botUserId) {
            return new Tags(botUserId);
        }
    }

    /** A role without tags (every role but a bot's managed one). */
    public Role(long id, String name, int color, Colors colors, boolean hoist, String icon, String unicodeEmoji, int position,
                long permissions, boolean managed, boolean mentionable, int flags) {
        this(id, name, color, colors, hoist, icon, unicodeEmoji, position, permissions, managed, mentionable, flags, null);
    }

    /** {@code color} always equals {@code primary_color}; the other two make a gradient or holographic role. */
    public record Colors(int primaryColor, Integer secondaryColor, Integer tertiaryColor) {}

    public static Role create(long id, String name, int color, boolean hoist, int position, long permissions, boolean managed, boolean mentionable) {
        return new Role(id, name, color, new Colors(color, null, null), hoist, null, null, position, permissions, managed, mentionable, 0);
    }

    public boolean isEveryone(long guildId) {
        return id == guildId;
    }

    public Role withPosition(int newPosition) {
        return new Role(id, name, color, colors, hoist, icon, unicodeEmoji, newPosition, permissions, managed, mentionable, flags, tags);
    }
}
