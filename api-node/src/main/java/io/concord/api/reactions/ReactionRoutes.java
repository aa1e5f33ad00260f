package io.concord.api.reactions;

import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.QueryParams;
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
            int limit = QueryParams.limit(call, MAX_LIMIT, DEFAULT_LIMIT, form);
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
        if (id.isEmpty()) form.error("after", "NUMBER_TYPE_COERCE", "Value \"" + Form.abbreviate(raw.get()) + "\" is not snowflake.");
        return id.orElse(0);
    }
}
