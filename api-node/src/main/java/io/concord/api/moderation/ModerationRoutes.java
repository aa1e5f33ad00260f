package io.concord.api.moderation;

import io.concord.api.audit.AuditReason;
import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.QueryParams;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.id.Snowflakes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Kick ({@code DELETE /guilds/{g}/members/{u}}), {@code /guilds/{g}/bans[/{u}]} and {@code POST /guilds/{g}/bulk-ban}. */
public final class ModerationRoutes {
    /** Discord's longest message deletion on a ban: 7 days, in seconds (or days with the deprecated field). */
    static final int MAX_DELETE_SECONDS = 604_800;
    static final int MAX_DELETE_DAYS = 7;
    static final int MAX_BULK_BAN = 200;
    static final int MAX_PAGE = 1000;

    private ModerationRoutes() {}

    public static void register(Router router, ModerationService moderation) {
        router.delete("/guilds/{guild_id}/members/{user_id}", call -> {
            long guildId = call.id("guild_id");
            long userId = call.id("user_id");
            moderation.kick(call.principal().userId(), guildId, userId, AuditReason.of(call));
            return Reply.noContent();
        });
        router.get("/guilds/{guild_id}/bans", call -> {
            long guildId = call.id("guild_id");
            Form form = Form.empty();
            int limit = QueryParams.limit(call, MAX_PAGE, MAX_PAGE, form);
            long before = QueryParams.bound(call, "before", form).orElse(0);
            long after = QueryParams.bound(call, "after", form).orElse(0);
            form.done();
            return Reply.ok(moderation.list(call.principal().userId(), guildId, before, after, limit));
        });
        router.get("/guilds/{guild_id}/bans/{user_id}", call ->
                Reply.ok(moderation.get(call.principal().userId(), call.id("guild_id"), call.id("user_id"))));
        router.put("/guilds/{guild_id}/bans/{user_id}", call -> {
            long guildId = call.id("guild_id");
            long userId = call.id("user_id");
            Form form = call.form();
            int seconds = deleteSeconds(form);
            form.done();
            moderation.ban(call.principal().userId(), guildId, userId, seconds, AuditReason.of(call));
            return Reply.noContent();
        });
        router.delete("/guilds/{guild_id}/bans/{user_id}", call -> {
            long guildId = call.id("guild_id");
            long userId = call.id("user_id");
            moderation.unban(call.principal().userId(), guildId, userId, AuditReason.of(call));
            return Reply.noContent();
        });
        router.post("/guilds/{guild_id}/bulk-ban", call -> {
            long guildId = call.id("guild_id");
            Form form = call.form();
            List<Long> userIds = userIds(call.json().get("user_ids"), form);
            int seconds = form.integer("delete_message_seconds", 0, MAX_DELETE_SECONDS, 0);
            form.done();
            ModerationService.BulkBan result = moderation.bulkBan(call.principal().userId(), guildId, userIds, seconds, AuditReason.of(call));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("banned_users", result.banned().stream().map(Long::toUnsignedString).toList());
            body.put("failed_users", result.failed().stream().map(Long::toUnsignedString).toList());
            return Reply.ok(body);
        });
    }

    /** {@code delete_message_seconds}, or the deprecated {@code delete_message_days} when only it is given. */
    private static int deleteSeconds(Form form) {
        if (form.has("delete_message_seconds")) return form.integer("delete_message_seconds", 0, MAX_DELETE_SECONDS, 0);
        return form.integer("delete_message_days", 0, MAX_DELETE_DAYS, 0) * 86_400;
    }

    /** 1..200 user ids, as strings or numbers, each at most once. */
    private static List<Long> userIds(JsonNode array, Form form) {
        List<Long> ids = new ArrayList<>();
        if (array == null || array.isNull()) {
            form.error("user_ids", "BASE_TYPE_REQUIRED", "This field is required");
        } else if (!array.isArray()) {
            form.error("user_ids", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
        } else if (array.isEmpty()) {
            form.error("user_ids", "BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length.");
        } else if (array.size() > MAX_BULK_BAN) {
            form.error("user_ids", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_BULK_BAN + " or fewer in length.");
        } else {
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode n = array.get(i);
                String raw = n.isString() ? n.stringValue() : n.isIntegralNumber() ? n.asString() : n.toString();
                OptionalLong id = Snowflakes.parse(raw);
                if (id.isEmpty()) {
                    form.error("user_ids." + i, "NUMBER_TYPE_COERCE", "Value \"" + Form.abbreviate(raw) + "\" is not snowflake.");
                } else if (!seen.add(id.getAsLong())) {
                    form.error("user_ids", "LIST_ITEM_VALUE_DUPLICATE", "The list contains duplicate values.");
                    break;
                } else {
                    ids.add(id.getAsLong());
                }
            }
        }
        return ids;
    }
}
