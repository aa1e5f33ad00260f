package io.concord.api.readstates;

import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.error.FieldErrors;
import io.concord.common.id.Snowflakes;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * Read-state acks: {@code POST /channels/{c}/messages/{m}/ack}, {@code POST /read-states/ack-bulk},
 * {@code DELETE /channels/{c}/messages/ack} (mark unread) and, a Concord extension, {@code GET
 * /users/@me/read-states} (the READY {@code read_state} object).
 */
public final class ReadStateRoutes {
    /** Entries per ack-bulk call. */
    static final int BULK_MAX = 100;
    /** Highest mention_count a manual ack may set. */
    static final int MAX_MENTIONS = 10_000;

    private ReadStateRoutes() {}

    public static void register(Router router, ReadStateService service) {
        router.post("/channels/{channel_id}/messages/{message_id}/ack", call -> {
            long channelId = call.id("channel_id");
            long messageId = call.id("message_id");
            Form form = call.form();
            form.string("token", 0, 1000, false);
            boolean manual = form.bool("manual", false);
            int mentionCount = form.integer("mention_count", 0, MAX_MENTIONS, 0);
            form.integer("last_viewed", 0, Integer.MAX_VALUE, 0);
            form.integer("flags", 0, Integer.MAX_VALUE, 0);
            form.done();
            return Reply.ok(service.ack(call.principal().userId(), new ReadStateService.Ack(channelId, messageId, manual, mentionCount)));
        });
        router.post("/read-states/ack-bulk", call -> {
            List<ReadStateService.Ack> acks = bulk(call);
            service.ackBulk(call.principal().userId(), acks);
            return Reply.noContent();
        });
        router.delete("/channels/{channel_id}/messages/ack", call -> {
            long channelId = call.id("channel_id");
            Form form = call.form();
            form.integer("read_state_type", 0, 0, 0);
            form.done();
            service.markUnread(call.principal().userId(), channelId);
            return Reply.noContent();
        });
        router.get("/users/@me/read-states", call -> Reply.ok(service.mine(call.principal().userId())));
    }

    private static List<ReadStateService.Ack> bulk(Call call) {
        JsonNode array = call.json().path("read_states");
        FieldErrors errors = new FieldErrors();
        if (!array.isArray()) {
            errors.add("read_states", "BASE_TYPE_REQUIRED", "This field is required").throwIfAny();
        }
        if (array.size() == 0 || array.size() > BULK_MAX) {
            errors.add("read_states", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and " + BULK_MAX + " in length.").throwIfAny();
        }
        List<ReadStateService.Ack> acks = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            String path = "read_states." + i;
            if (!e.isObject()) {
                errors.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
                continue;
            }
            OptionalLong channel = snowflake(e.path("channel_id"));
            OptionalLong message = snowflake(e.path("message_id"));
            if (channel.isEmpty()) errors.add(path + ".channel_id", "NUMBER_TYPE_COERCE", "Value \"" + e.path("channel_id") + "\" is not snowflake.");
            if (message.isEmpty()) errors.add(path + ".message_id", "NUMBER_TYPE_COERCE", "Value \"" + e.path("message_id") + "\" is not snowflake.");
            JsonNode type = e.path("read_state_type");
            if (!type.isMissingNode() && !type.isNull() && !(type.isIntegralNumber() && type.asInt() == 0)) {
                errors.add(path + ".read_state_type", "BASE_TYPE_CHOICES", "Value must be one of {0}.");
            }
            if (channel.isPresent() && message.isPresent()) {
                acks.add(new ReadStateService.Ack(channel.getAsLong(), message.getAsLong(), false, 0));
            }
        }
        errors.throwIfAny();
        return acks;
    }

    private static OptionalLong snowflake(JsonNode n) {
        if (n.isString()) return Snowflakes.parse(n.stringValue());
        if (n.isIntegralNumber() && n.canConvertToLong() && n.asLong() > 0) return OptionalLong.of(n.asLong());
        return OptionalLong.empty();
    }
}
