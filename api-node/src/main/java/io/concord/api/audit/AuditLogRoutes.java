package io.concord.api.audit;

import io.concord.api.http.Call;
import io.concord.api.http.Form;
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
            OptionalLong user = snowflake(call, "user_id", form, false);
            OptionalInt type = actionType(call, form);
            OptionalLong before = snowflake(call, "before", form, true);
            OptionalLong after = snowflake(call, "after", form, true);
            int limit = limit(call, form);
            form.done();
            return Reply.ok(audit.read(call.principal().userId(), new AuditQuery(guildId, user, type, before, after, limit)));
        });
    }

    /** A snowflake query parameter; {@code 0} is accepted for the page bounds ({@code after=0}: from the oldest). */
    private static OptionalLong snowflake(Call call, String name, Form form, boolean zeroAllowed) {
        Optional<String> raw = call.query(name);
        if (raw.isEmpty()) return OptionalLong.empty();
        if (zeroAllowed && raw.get().equals("0")) return OptionalLong.of(0);
        OptionalLong id = Snowflakes.parse(raw.get());
        if (id.isEmpty()) form.error(name, "NUMBER_TYPE_COERCE", "Value \"" + abbreviate(raw.get()) + "\" is not snowflake.");
        return id;
    }

    private static OptionalInt actionType(Call call, Form form) {
        Optional<String> raw = call.query("action_type");
        if (raw.isEmpty()) return OptionalInt.empty();
        int type;
        try {
            type = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            form.error("action_type", "NUMBER_TYPE_COERCE", "Value \"" + abbreviate(raw.get()) + "\" is not int.");
            return OptionalInt.empty();
        }
        // Discord's action types that Concord never records (auto moderation, stage, ...) are valid filters with no match.
        if (type < 1 || type > 255) {
            form.error("action_type", "ENUM_TYPE_COERCE", "Value \"" + type + "\" is not a valid enum value.");
            return OptionalInt.empty();
        }
        return OptionalInt.of(type);
    }

    private static int limit(Call call, Form form) {
        Optional<String> raw = call.query("limit");
        if (raw.isEmpty()) return DEFAULT_LIMIT;
        try {
            int limit = Integer.parseInt(raw.get());
            if (limit < 1) form.error("limit", "NUMBER_TYPE_MIN", "int value should be greater than or equal to 1.");
            if (limit > MAX_LIMIT) form.error("limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to " + MAX_LIMIT + ".");
            return limit;
        } catch (NumberFormatException e) {
            form.error("limit", "NUMBER_TYPE_COERCE", "Value \"" + abbreviate(raw.get()) + "\" is not int.");
            return DEFAULT_LIMIT;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
