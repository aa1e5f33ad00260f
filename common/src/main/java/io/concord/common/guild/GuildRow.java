package io.concord.common.guild;

import io.concord.common.model.Guild;
import io.concord.common.model.Role;
import java.util.List;

/** A stored guild's own columns. */
public record GuildRow(long id, String name, long ownerId, Long systemChannelId, String icon, String description,
                       int verificationLevel, int defaultMessageNotifications, int explicitContentFilter,
                       String preferredLocale, int afkTimeout) {

    /** A new guild with Discord's default settings. */
    public GuildRow(long id, String name, long ownerId, Long systemChannelId) {
        this(id, name, ownerId, systemChannelId, null, null, 0, 0, 0, "en-US", 300);
    }

    /** The guild object as REST and GUILD_UPDATE carry it. */
    public Guild toGuild(List<Role> roles) {
        return new Guild(id, name, icon, description, ownerId, roles, List.of(), List.of(), verificationLevel,
                defaultMessageNotifications, explicitContentFilter, 0, 0, 0, preferredLocale, systemChannelId, afkTimeout, null);
    }
}
