package io.concord.api.guilds;

import java.util.Optional;

/**
 * A validated {@code PATCH /guilds/{id}} body: empty means "leave as is"; the {@code clear...} flags
 * are an explicit {@code null}.
 */
record GuildSettings(Optional<String> name, Optional<String> description, boolean clearDescription, boolean clearIcon,
                     Optional<Long> systemChannelId, boolean clearSystemChannel, Optional<Integer> verificationLevel,
                     Optional<Integer> defaultMessageNotifications, Optional<Integer> explicitContentFilter,
                     Optional<String> preferredLocale, Optional<Integer> afkTimeout, Optional<Long> ownerId) {}
