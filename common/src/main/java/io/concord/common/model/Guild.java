package io.concord.common.model;

import io.concord.common.json.IdString;
import java.util.List;

/** Discord's guild object as REST returns it (without the GUILD_CREATE extras). */
public record Guild(
        @IdString long id,
        String name,
        String icon,
        String description,
        @IdString long ownerId,
        List<Role> roles,
        List<String> emojis,
        List<String> features,
        int verificationLevel,
        int defaultMessageNotifications,
        int explicitContentFilter,
        int mfaLevel,
        int nsfwLevel,
        int premiumTier,
        String preferredLocale,
        @IdString Long systemChannelId,
        int afkTimeout,
        Integer approximateMemberCount) {

    public static Guild of(long id, String name, long ownerId, List<Role> roles, Long systemChannelId) {
        return new Guild(id, name, null, null, ownerId, roles, List.of(), List.of(), 0, 0, 0, 0, 0, 0, "en-US", systemChannelId, 300, null);
    }

    /** {@code GET /guilds/{id}?with_counts=true}. */
    public Guild withApproximateMemberCount(int count) {
        return new Guild(id, name, icon, description, ownerId, roles, emojis, features, verificationLevel, defaultMessageNotifications,
                explicitContentFilter, mfaLevel, nsfwLevel, premiumTier, preferredLocale, systemChannelId, afkTimeout, count);
    }
}
