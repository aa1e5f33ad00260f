package io.concord.common.model;

import io.concord.common.json.IdString;
import java.util.List;

/** Discord's guild object as REST returns it (without the GUILD_CREATE extras). */
public record Guild(
        @IdString long id,
        String name,
        String icon,
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
        int afkTimeout) {

    public static Guild of(long id, String name, long ownerId, List<Role> roles, Long systemChannelId) {
        return new Guild(id, name, null, ownerId, roles, List.of(), List.of(), 0, 0, 0, 0, 0, 0, "en-US", systemChannelId, 300);
    }
}
