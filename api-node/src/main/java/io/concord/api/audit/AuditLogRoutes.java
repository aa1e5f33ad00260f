package io.concord.api.audit;

import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.QueryParams;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.id.Snowflakes;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** {@code GET /guilds/{g}/audit-logs?user_id&action_type&before&after&limit}. */
public final class AuditLogRoutes {
    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 50;

    private AuditLogRoutes() {}

    public static void register(Router router, AuditLogService audit) {
        router.get("/guilds/{guild_id}/audit-logs", call -> {
            long guildId = call.id("guild_id");
            Form form = Form.empty();
            OptionalLong user = QueryParams.snowflake(call, "user_id", form);
            OptionalInt type = actionType(call, form);
            OptionalLong before = QueryParams.bound(call, "before", form);
            OptionalLong after = QueryParams.bound(call, "after", form);
            int limit = QueryParams.limit(call, MAX_LIMIT, DEFAULT_LIMIT, form);
            form.done();
            return Reply.ok(audit.read(call.principal().userId(), new AuditQuery(guildId, user, type, before, after, limit)));
        });
    }

    private static OptionalInt actionType(Call call, Form form) {
        Optional<String> raw = call.query("action_type");
        if (raw.isEmpty()) return OptionalInt.empty();
        int type;
        try {
            type = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            form.error("action_type", "NUMBER_TYPE_COERCE", "Value \"" + Form.abbreviate(raw.get()) + "\" is not int.");
            return OptionalInt.empty();
        }
        // Discord's action types that Concord never records (auto moderation, stage, ...) are valid filters with no match.
        if (type < 1 || type > 255) {
            form.error("action_type", "ENUM_TYPE_COERCE", "Value \"" + type + "\" is not a valid enum value.");
            return OptionalInt.empty();
        }
        return OptionalInt.of(type);
    }
}
