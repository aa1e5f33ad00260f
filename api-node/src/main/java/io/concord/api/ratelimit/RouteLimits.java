package io.concord.api.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which bucket each route counts against. Routes are matched by method and template with the
 * parameter names erased, so {@code /channels/{channel_id}} and {@code /channels/{id}} are the same
 * route. A route absent from the table gets a bucket of its own with the default limit, as Discord
 * gives every route a bucket.
 */
public final class RouteLimits {
    static final Limit DEFAULT = Limit.perCaller("default", 10, Duration.ofSeconds(1));

    private final Map<String, Limit> byRoute = new HashMap<>();
    private final Map<String, Limit> resolved = new ConcurrentHashMap<>();
    private final Limit fallback;
    private final int scalePercent;

    private RouteLimits(Limit fallback, int scalePercent) {
        this.fallback = fallback;
        this.scalePercent = scalePercent;
    }

    /** Discord-like values (topics/rate-limits.mdx and the limits clients observe), scaled by {@code scalePercent}. */
    public static RouteLimits discord(int scalePercent) {
        Limit messageCreate = Limit.perCaller("message_create", 5, Duration.ofSeconds(5));
        Limit messageEdit = Limit.perCaller("message_edit", 5, Duration.ofSeconds(5));
        Limit messageDelete = Limit.perCaller("message_delete", 5, Duration.ofSeconds(1));
        Limit bulkDelete = Limit.perCaller("message_bulk_delete", 1, Duration.ofSeconds(1));
        Limit reaction = Limit.perCaller("reaction", 1, Duration.ofMillis(250));
        Limit history = Limit.perCaller("message_history", 50, Duration.ofSeconds(1));
        Limit typing = Limit.perCaller("typing", 5, Duration.ofSeconds(5));
        Limit channelEdit = Limit.perCaller("channel_edit", 5, Duration.ofSeconds(15));
        Limit guildEdit = Limit.perCaller("guild_edit", 5, Duration.ofSeconds(15));
        Limit roleEdit = Limit.perCaller("role_edit", 10, Duration.ofSeconds(10));
        Limit memberEdit = Limit.perCaller("member_edit", 10, Duration.ofSeconds(10));
        Limit ban = Limit.perCaller("ban", 5, Duration.ofSeconds(5));
        Limit invite = Limit.perCaller("invite_create", 5, Duration.ofSeconds(15));
        Limit emoji = Limit.shared("emoji", 5, Duration.ofSeconds(60));
        Limit search = Limit.perCaller("message_search", 5, Duration.ofSeconds(5));
        return new RouteLimits(DEFAULT, scalePercent)
                .route("POST", "/channels/{}/messages", messageCreate)
                .route("GET", "/channels/{}/messages", history)
                .route("GET", "/channels/{}/messages/{}", history)
                .route("PATCH", "/channels/{}/messages/{}", messageEdit)
                .route("DELETE", "/channels/{}/messages/{}", messageDelete)
                .route("POST", "/channels/{}/messages/bulk-delete", bulkDelete)
                .route("PUT", "/channels/{}/messages/{}/reactions/{}/@me", reaction)
                .route("DELETE", "/channels/{}/messages/{}/reactions/{}/@me", reaction)
                .route("DELETE", "/channels/{}/messages/{}/reactions/{}/{}", reaction)
                .route("DELETE", "/channels/{}/messages/{}/reactions/{}", reaction)
                .route("DELETE", "/channels/{}/messages/{}/reactions", reaction)
                .route("POST", "/channels/{}/typing", typing)
                .route("PATCH", "/channels/{}", channelEdit)
                .route("PUT", "/channels/{}/permissions/{}", channelEdit)
                .route("DELETE", "/channels/{}/permissions/{}", channelEdit)
                .route("POST", "/channels/{}/invites", invite)
                .route("PATCH", "/guilds/{}", guildEdit)
                .route("PATCH", "/guilds/{}/channels", guildEdit)
                .route("POST", "/guilds/{}/roles", roleEdit)
                .route("PATCH", "/guilds/{}/roles", roleEdit)
                .route("PATCH", "/guilds/{}/roles/{}", roleEdit)
                .route("DELETE", "/guilds/{}/roles/{}", roleEdit)
                .route("PATCH", "/guilds/{}/members/{}", memberEdit)
                .route("PATCH", "/guilds/{}/members/@me", memberEdit)
                .route("PUT", "/guilds/{}/members/{}/roles/{}", memberEdit)
                .route("DELETE", "/guilds/{}/members/{}/roles/{}", memberEdit)
                .route("DELETE", "/guilds/{}/members/{}", ban)
                .route("PUT", "/guilds/{}/bans/{}", ban)
                .route("DELETE", "/guilds/{}/bans/{}", ban)
                .route("POST", "/guilds/{}/bulk-ban", ban)
                .route("POST", "/guilds/{}/emojis", emoji)
                .route("PATCH", "/guilds/{}/emojis/{}", emoji)
                .route("DELETE", "/guilds/{}/emojis/{}", emoji)
                .route("GET", "/guilds/{}/messages/search", search)
                .route("GET", "/channels/{}/messages/search", search);
    }

    /** A table with only a fallback (for tests of the mechanism). */
    public static RouteLimits of(Limit fallback) {
        return new RouteLimits(fallback, 100);
    }

    /** Adds or replaces a route's bucket; call before the table is in use. */
    public RouteLimits route(String method, String template, Limit limit) {
        byRoute.put(key(method, template), limit.scaled(scalePercent));
        resolved.clear();
        return this;
    }

    /** The bucket of {@code method} on {@code template}; unlisted routes get their own default bucket. */
    public Limit forRoute(String method, String template) {
        return resolved.computeIfAbsent(method + " " + template, k -> resolve(method, template));
    }

    private Limit resolve(String method, String template) {
        String key = key(method, template);
        Limit listed = byRoute.get(key);
        if (listed != null) return listed;
        return new Limit(fallback.name() + ":" + key, fallback.count(), fallback.window(), fallback.shared()).scaled(scalePercent);
    }

    /** {@code GET /channels/{channel_id}/messages} becomes {@code GET channels/{}/messages}. */
    static String key(String method, String template) {
        String path = template.startsWith("/") ? template.substring(1) : template;
        return method + " " + path.replaceAll("\\{[^}/]*}", "{}");
    }
}
