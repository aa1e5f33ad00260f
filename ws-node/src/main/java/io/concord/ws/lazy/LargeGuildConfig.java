package io.concord.ws.lazy;

import io.concord.common.config.Env;

/**
 * Large-guild mode settings.
 *
 * @param largeGuildMembers past this many members a guild is large: GUILD_CREATE lists the caller and
 *                          online members only, and user sessions get it read-on-demand
 * @param unreadHintIntervalMs at most one CHANNEL_UNREAD_UPDATE per session and guild in this time
 * @param memberListFlushMs how often member-list changes, presences and due hints are sent (batched)
 */
public record LargeGuildConfig(int largeGuildMembers, long unreadHintIntervalMs, long memberListFlushMs) {
    public static final LargeGuildConfig DEFAULTS = new LargeGuildConfig(1_000, 5_000, 250);

    public static LargeGuildConfig from(Env env) {
        return new LargeGuildConfig(
                env.integer("LARGE_GUILD_MEMBERS", DEFAULTS.largeGuildMembers(), 1, 10_000_000),
                env.longValue("LARGE_GUILD_UNREAD_HINT_INTERVAL_MS", DEFAULTS.unreadHintIntervalMs(), 100, 600_000),
                env.longValue("MEMBER_LIST_FLUSH_INTERVAL_MS", DEFAULTS.memberListFlushMs(), 10, 10_000));
    }
}
