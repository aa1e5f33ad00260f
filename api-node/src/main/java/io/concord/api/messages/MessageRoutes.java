package io.concord.api.messages;

import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.common.error.BadRequest;
import io.concord.common.id.Snowflakes;
import io.concord.common.message.HistoryQuery;
import io.concord.api.http.Router;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@code POST/GET /channels/{id}/messages}. */
public final class MessageRoutes {
    static final int MAX_CONTENT = 2000;
    static final int MAX_NONCE = 25;

    private MessageRoutes() {}

    public static void register(Router router, MessageService messages) {
        router.post("/channels/{channel_id}/messages", call -> {
            long channelId = call.id("channel_id");
            return Reply.ok(messages.send(call.principal().userId(), channelId, draft(call)));
        });
        router.get("/channels/{channel_id}/messages", call -> {
            long channelId = call.id("channel_id");
            return Reply.ok(messages.history(call.principal().userId(), channelId, historyQuery(call)));
        });
    }

    private static MessageService.Draft draft(Call call) {
        Form form = call.form();
        Optional<String> content = form.string("content", 0, MAX_CONTENT, false);
        Optional<String> nonce = nonce(call.json().get("nonce"), form);
        boolean enforce = form.bool("enforce_nonce", false);
        boolean tts = form.bool("tts", false);
        form.done();
        if (content.isEmpty() || content.get().isBlank()) throw BadRequest.emptyMessage();
        return new MessageService.Draft(content.get(), nonce, enforce, tts, call.json().get("allowed_mentions"));
    }

    /** Discord accepts a nonce as a string of at most 25 characters or an integer. */
    private static Optional<String> nonce(JsonNode n, Form form) {
        if (n == null || n.isNull()) return Optional.empty();
        String value = n.isString() ? n.stringValue() : n.isIntegralNumber() ? n.asString() : null;
        if (value == null) {
            form.error("nonce", "BASE_TYPE_STRING", "Nonce must be a string or an integer.");
            return Optional.empty();
        }
        if (value.length() > MAX_NONCE) {
            form.error("nonce", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_NONCE + " or fewer in length.");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static HistoryQuery historyQuery(Call call) {
        Form form = Form.empty();
        int limit = 50;
        Optional<String> rawLimit = call.query("limit");
        if (rawLimit.isPresent()) {
            try {
                limit = Integer.parseInt(rawLimit.get());
                if (limit < 1) form.error("limit", "NUMBER_TYPE_MIN", "int value should be greater than or equal to 1.");
                if (limit > 100) form.error("limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 100.");
            } catch (NumberFormatException e) {
                form.error("limit", "NUMBER_TYPE_COERCE", "Value \"" + rawLimit.get() + "\" is not int.");
            }
        }
        long before = anchor(call, "before", form);
        long after = anchor(call, "after", form);
        long around = anchor(call, "around", form);
        form.done();
        return new HistoryQuery(before, after, around, limit);
    }

    private static long anchor(Call call, String name, Form form) {
        Optional<String> raw = call.query(name);
        if (raw.isEmpty()) return 0;
        var id = Snowflakes.parse(raw.get());
        if (id.isEmpty()) form.error(name, "NUMBER_TYPE_COERCE", "Value \"" + raw.get() + "\" is not snowflake.");
        return id.orElse(0);
    }
}
