package io.concord.api.roles;

import java.util.Optional;

/**
 * A validated role body ({@code POST} or {@code PATCH /guilds/{id}/roles[/{role}]}): empty means
 * "leave as is" (or the default, on create); the {@code clear...} flags are an explicit {@code null}.
 * {@code primaryColor} comes from {@code colors.primary_color}, else from {@code color}.
 */
record RoleEdit(Optional<String> name, Optional<Long> permissions, Optional<Integer> primaryColor,
                Optional<Integer> secondaryColor, boolean clearSecondary, Optional<Integer> tertiaryColor, boolean clearTertiary,
                Optional<Boolean> hoist, Optional<Boolean> mentionable, Optional<String> unicodeEmoji, boolean clearEmoji) {}
