package io.concord.api.reactions;

import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.id.Snowflakes;
import java.util.Optional;

/** The six reaction routes; the emoji segment arrives URL-decoded. */
public final class ReactionRoutes {
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;
    private static final String BASE = "/channels/{channel_id}/messages/{message_id}/reactions";

    private ReactionRoutes() {}

    public static void register(Router router, ReactionService reactions) {
        router.put(BASE + "/{emoji}/@me", call -> {
            reactions.add(call.principal().userId(), call.id("channel_id"), call.id("message_id"), call.param("emoji"));
            return Reply.noContent();
        });
        router.delete(BASE + "/{emoji}/@me", call -> {
            reactions.remove(call.principal().userId(), call.id("channel_id"), call.id("message_id"), call.param("emoji"), 0);
            return Reply.noContent();
        });
        router.delete(BASE + "/{emoji}/{user_id}", call -> {
            long channelId = call.id("channel_id");
            long messageId = call.id("message_id");
            reactions.remove(call.principal().userId(), channelId, messageId, call.param("emoji"), call.id("user_id"));
            return Reply.noContent();
        });
        router.get(BASE + "/{emoji}", call -> {
            long channelId = call.id("channel_id");
            long messageId = call.id("message_id");
            Form form = Form.empty();
            long after = after(call, form);
            int limit = limit(call, form);
            form.done();
            return Reply.ok(reactions.users(call.principal().userId(), channelId, messageId, call.param("emoji"), after, limit));
        });
        router.delete(BASE, call -> {
            reactions.removeAll(call.principal().userId(), call.id("channel_id"), call.id("message_id"));
            return Reply.noContent();
        });
        router.delete(BASE + "/{emoji}", call -> {
            long channelId = call.id("channel_id");
            long messageId = call.id("message_id");
            reactions.removeEmoji(call.principal().userId(), channelId, messageId, call.param("emoji"));
            return Reply.noContent();
        });
    }

    private static long after(Call call, Form form) {
        Optional<String> raw = call.query("after");
        if (raw.isEmpty()) return 0;
        var id = Snowflakes.parse(raw.get());
        if (id.isEmpty()) form.error("after", "NUMBER_TYPE_COERCE", "Value \"" + abbreviate(raw.get()) + "\" is not snowflake.");
        return id.orElse(0);
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
