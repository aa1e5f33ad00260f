package io.concord.api.members;

import io.concord.api.audit.AuditReason;
import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.QueryParams;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.id.Snowflakes;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code /guilds/{g}/members}, {@code /members/search}, {@code /members/{u}}, {@code /members/@me}
 * and {@code /members/{u}/roles/{r}}. Kick ({@code DELETE /members/{u}}) belongs with bans.
 */
public final class MemberRoutes {
    static final int MAX_PAGE = 1000;
    static final int MAX_QUERY_LENGTH = 100;
    static final int MAX_NICK_LENGTH = 32;
    /** Discord's cap on roles in a guild, so no real list is longer. */
    static final int MAX_ROLES = 250;

    private MemberRoutes() {}

    public static void register(Router router, MemberService members) {
        router.get("/guilds/{guild_id}/members", call -> {
            long guildId = call.id("guild_id");
            Form form = Form.empty();
            int limit = QueryParams.limit(call, MAX_PAGE, 1, form);
            long after = QueryParams.bound(call, "after", form).orElse(0);
            form.done();
            return Reply.ok(members.list(call.principal().userId(), guildId, after, limit));
        });
        router.get("/guilds/{guild_id}/members/search", call -> {
            long guildId = call.id("guild_id");
            Form form = Form.empty();
            Optional<String> query = call.query("query");
            if (query.isEmpty()) {
                form.error("query", "BASE_TYPE_REQUIRED", "This field is required");
            } else {
                int length = query.get().codePointCount(0, query.get().length());
                if (length < 1 || length > MAX_QUERY_LENGTH) {
                    form.error("query", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and " + MAX_QUERY_LENGTH + " in length.");
                } else if (query.get().indexOf('\u0000') >= 0) {
                    form.error("query", "STRING_TYPE_INVALID_CHARACTERS", "Must not contain NUL characters.");
                }
            }
            int limit = QueryParams.limit(call, MAX_PAGE, 1, form);
            form.done();
            return Reply.ok(members.search(call.principal().userId(), guildId, query.get(), limit));
        });
        router.get("/guilds/{guild_id}/members/{user_id}", call ->
                Reply.ok(members.get(call.principal().userId(), call.id("guild_id"), call.id("user_id"))));
        router.patch("/guilds/{guild_id}/members/@me", call -> {
            long guildId = call.id("guild_id");
            Form form = call.form();
            MemberUpdate update = MemberUpdate.nickOnly(call.json().has("nick"), nick(form));
            form.done();
            return Reply.ok(members.updateSelf(call.principal().userId(), guildId, update, AuditReason.of(call)));
        });
        router.patch("/guilds/{guild_id}/members/{user_id}", call -> {
            long guildId = call.id("guild_id");
            long userId = call.id("user_id");
            return Reply.ok(members.update(call.principal().userId(), guildId, userId, update(call), AuditReason.of(call)));
        });
        router.put("/guilds/{guild_id}/members/{user_id}/roles/{role_id}", call -> {
            members.setRole(call.principal().userId(), call.id("guild_id"), call.id("user_id"), call.id("role_id"), true, AuditReason.of(call));
            return Reply.noContent();
        });
        router.delete("/guilds/{guild_id}/members/{user_id}/roles/{role_id}", call -> {
            members.setRole(call.principal().userId(), call.id("guild_id"), call.id("user_id"), call.id("role_id"), false, AuditReason.of(call));
            return Reply.noContent();
        });
    }

    private static MemberUpdate update(Call call) {
        JsonNode body = call.json();
        Form form = call.form();
        String nick = nick(form);
        List<Long> roles = roles(body.get("roles"), form);
        boolean setTimeout = body.has("communication_disabled_until");
        OffsetDateTime timeout = timeout(body.get("communication_disabled_until"), form);
        Boolean mute = form.has("mute") ? form.bool("mute", false) : null;
        Boolean deaf = form.has("deaf") ? form.bool("deaf", false) : null;
        form.done();
        return new MemberUpdate(body.has("nick"), nick, roles, setTimeout, timeout, mute, deaf);
    }

    /** The new nickname; null, empty or blank resets it (the member shows their global name again). */
    private static String nick(Form form) {
        return form.string("nick", 0, MAX_NICK_LENGTH, false).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** The full new role list: snowflakes as strings or numbers, each at most once. */
    private static List<Long> roles(JsonNode array, Form form) {
        if (array == null || array.isNull()) return null;
        if (!array.isArray()) {
            form.error("roles", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
            return null;
        }
        if (array.size() > MAX_ROLES) {
            form.error("roles", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_ROLES + " or fewer in length.");
            return null;
        }
        List<Long> ids = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode n = array.get(i);
            String raw = n.isString() ? n.stringValue() : n.isIntegralNumber() ? n.asString() : n.toString();
            var id = Snowflakes.parse(raw);
            if (id.isEmpty()) {
                form.error("roles." + i, "NUMBER_TYPE_COERCE", "Value \"" + Form.abbreviate(raw) + "\" is not snowflake.");
            } else if (!seen.add(id.getAsLong())) {
                form.error("roles." + i, "SET_TYPE_ALREADY_CONTAINS_VALUE", "The set already contains this value");
            } else {
                ids.add(id.getAsLong());
            }
        }
        return ids;
    }

    private static OffsetDateTime timeout(JsonNode value, Form form) {
        if (value == null || value.isNull()) return null;
        if (!value.isString()) {
            form.error("communication_disabled_until", "DATE_TYPE_PARSE", "Could not parse " + Form.abbreviate(value.toString()) + ". Should be ISO8601.");
            return null;
        }
        try {
            return OffsetDateTime.parse(value.stringValue());
        } catch (DateTimeParseException e) {
            form.error("communication_disabled_until", "DATE_TYPE_PARSE",
                    "Could not parse " + Form.abbreviate(value.stringValue()) + ". Should be ISO8601.");
            return null;
        }
    }
}
