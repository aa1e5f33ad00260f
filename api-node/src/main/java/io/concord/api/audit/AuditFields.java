package io.concord.api.audit;

import io.concord.common.guild.GuildRow;
import io.concord.common.json.Json;
import io.concord.common.model.Channel;
import io.concord.common.model.Member;
import io.concord.common.model.Role;
import io.concord.common.permission.Overwrite;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audited fields of each entity under Discord's change keys, for {@link AuditChanges}. Null
 * values are left out, so a field that becomes null shows as a change to no value.
 */
public final class AuditFields {
    private AuditFields() {}

    /** {@code CHANNEL_*}. Overwrites are in create/delete entries; edits of them are CHANNEL_OVERWRITE_* entries of their own. */
    public static Map<String, Object> channel(Channel c, boolean withOverwrites) {
        Map<String, Object> f = new LinkedHashMap<>();
        put(f, "name", c.name());
        put(f, "type", c.type());
        put(f, "position", c.position());
        put(f, "topic", c.topic());
        put(f, "nsfw", c.nsfw());
        put(f, "rate_limit_per_user", c.rateLimitPerUser());
        put(f, "parent_id", id(c.parentId()));
        put(f, "bitrate", c.bitrate());
        put(f, "user_limit", c.userLimit());
        if (withOverwrites) f.put("permission_overwrites", c.permissionOverwrites().stream().map(AuditFields::overwrite).toList());
        return f;
    }

    /** {@code CHANNEL_OVERWRITE_*}: its changes, and its {@code options} (id, type "0" role / "1" member). */
    public static Map<String, Object> overwrite(Overwrite o) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", Long.toString(o.id()));
        f.put("type", o.type());
        f.put("allow", Long.toUnsignedString(o.allow()));
        f.put("deny", Long.toUnsignedString(o.deny()));
        return f;
    }

    public static Map<String, String> overwriteOptions(Overwrite o, String roleName) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("id", Long.toString(o.id()));
        options.put("type", Integer.toString(o.type()));
        if (o.type() == Overwrite.ROLE && roleName != null) options.put("role_name", roleName);
        return options;
    }

    /** {@code ROLE_*}. */
    public static Map<String, Object> role(Role r) {
        Map<String, Object> f = new LinkedHashMap<>();
        put(f, "name", r.name());
        put(f, "permissions", Long.toUnsignedString(r.permissions()));
        put(f, "color", r.color());
        put(f, "hoist", r.hoist());
        put(f, "mentionable", r.mentionable());
        put(f, "unicode_emoji", r.unicodeEmoji());
        put(f, "icon_hash", r.icon());
        return f;
    }

    /** {@code GUILD_UPDATE}. */
    public static Map<String, Object> guild(GuildRow g) {
        Map<String, Object> f = new LinkedHashMap<>();
        put(f, "name", g.name());
        put(f, "description", g.description());
        put(f, "icon_hash", g.icon());
        put(f, "owner_id", Long.toString(g.ownerId()));
        put(f, "system_channel_id", id(g.systemChannelId()));
        put(f, "verification_level", g.verificationLevel());
        put(f, "default_message_notifications", g.defaultMessageNotifications());
        put(f, "explicit_content_filter", g.explicitContentFilter());
        put(f, "preferred_locale", g.preferredLocale());
        put(f, "afk_timeout", g.afkTimeout());
        return f;
    }

    /** {@code MEMBER_UPDATE}: what a moderator (or the member, for the nickname) may change. */
    public static Map<String, Object> member(Member m) {
        Map<String, Object> f = new LinkedHashMap<>();
        put(f, "nick", m.nick());
        f.put("mute", m.mute());
        f.put("deaf", m.deaf());
        put(f, "communication_disabled_until", m.communicationDisabledUntil() == null ? null
                : Json.tree(m.communicationDisabledUntil()).asString());
        return f;
    }

    /** The {@code $add}/{@code $remove} value of MEMBER_ROLE_UPDATE: partial roles {@code {id, name}}. */
    public static List<Map<String, String>> partialRoles(List<Role> roles) {
        return roles.stream().map(r -> Map.of("id", Long.toString(r.id()), "name", r.name())).toList();
    }

    private static String id(Long id) {
        return id == null ? null : Long.toString(id);
    }

    private static void put(Map<String, Object> f, String key, Object value) {
        if (value != null) f.put(key, value);
    }
}
