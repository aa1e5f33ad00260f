package io.concord.api.messages;

import io.concord.api.audit.AuditReason;
import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.error.BadRequest;
import io.concord.common.id.Snowflakes;
import io.concord.common.message.HistoryQuery;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/** {@code /channels/{id}/messages[/{id}]} and typing; bulk delete is {@link BulkDeleteRoutes}. */
public final class MessageRoutes {
    static final int MAX_CONTENT = 2000;
    static final int MAX_NONCE = 25;

    private MessageRoutes() {}

    public static void register(Router router, MessageService messages, TypingService typing) {
        router.post("/channels/{channel_id}/messages", call -> {
            long channelId = call.id("channel_id");
            return Reply.ok(messages.send(call.principal().userId(), channelId, draft(call)));
        });
        router.get("/channels/{channel_id}/messages", call -> {
            long channelId = call.id("channel_id");
            return Reply.ok(messages.history(call.principal().userId(), channelId, historyQuery(call)));
        });
        router.get("/channels/{channel_id}/messages/{message_id}", call ->
                Reply.ok(messages.get(call.principal().userId(), call.id("channel_id"), call.id("message_id"))));
        router.patch("/channels/{channel_id}/messages/{message_id}", call -> {
            long channelId = call.id("channel_id");
            long messageId = call.id("message_id");
            return Reply.ok(messages.edit(call.principal().userId(), channelId, messageId, edit(call)));
        });
        router.delete("/channels/{channel_id}/messages/{message_id}", call -> {
            messages.delete(call.principal().userId(), call.id("channel_id"), call.id("message_id"), AuditReason.of(call));
            return Reply.noContent();
        });
        router.post("/channels/{channel_id}/typing", call -> {
            typing.start(call.principal().userId(), call.id("channel_id"));
            return Reply.noContent();
        });
    }

    private static MessageService.Draft draft(Call call) {
        Form form = call.form();
        Optional<String> content = form.string("content", 0, MAX_CONTENT, false);
        Optional<String> nonce = nonce(call.json().get("nonce"), form);
        boolean enforce = form.bool("enforce_nonce", false);
        boolean tts = form.bool("tts", false);
        Mentions.Allowed allowed = Mentions.Allowed.read(call.json().get("allowed_mentions"), form);
        Optional<MessageService.Reference> reference = reference(call.json().get("message_reference"), form);
        form.done();
        if (content.isEmpty() || content.get().isBlank()) throw BadRequest.emptyMessage();
        return new MessageService.Draft(content.get(), nonce, enforce, tts, allowed, reference);
    }

    private static MessageService.Edit edit(Call call) {
        Form form = call.form();
        Optional<String> content = form.string("content", 0, MAX_CONTENT, false);
        int flags = form.integer("flags", 0, Integer.MAX_VALUE, -1);
        JsonNode allowed = call.json().get("allowed_mentions");
        Optional<Mentions.Allowed> allowedMentions = allowed == null || allowed.isNull() ? Optional.empty()
                : Optional.of(Mentions.Allowed.read(allowed, form));
        form.done();
        return new MessageService.Edit(content, flags < 0 ? OptionalInt.empty() : OptionalInt.of(flags), allowedMentions);
    }

    /** {@code message_reference}: {@code message_id} required, {@code channel_id}/{@code guild_id} optional. */
    private static Optional<MessageService.Reference> reference(JsonNode n, Form form) {
        if (n == null || n.isNull()) return Optional.empty();
        if (!n.isObject()) {
            form.error("message_reference", "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
            return Optional.empty();
        }
        OptionalLong messageId = snowflake(n.get("message_id"), "message_reference.message_id", true, form);
        OptionalLong channelId = snowflake(n.get("channel_id"), "message_reference.channel_id", false, form);
        OptionalLong guildId = snowflake(n.get("guild_id"), "message_reference.guild_id", false, form);
        boolean fail = true;
        JsonNode f = n.get("fail_if_not_exists");
        if (f != null && !f.isNull()) {
            if (f.isBoolean()) fail = f.booleanValue();
            else form.error("message_reference.fail_if_not_exists", "BOOLEAN_TYPE_CONVERT", "Could not interpret \"" + f + "\" as boolean.");
        }
        if (messageId.isEmpty()) return Optional.empty();
        return Optional.of(new MessageService.Reference(messageId.getAsLong(), channelId, guildId, fail));
    }

    static OptionalLong snowflake(JsonNode v, String path, boolean required, Form form) {
        if (v == null || v.isNull()) {
            if (required) form.error(path, "BASE_TYPE_REQUIRED", "This field is required");
            return OptionalLong.empty();
        }
        String raw = v.isString() ? v.stringValue() : v.isIntegralNumber() ? v.asString() : v.toString();
        OptionalLong id = Snowflakes.parse(raw);
        if (id.isEmpty()) form.error(path, "NUMBER_TYPE_COERCE", "Value \"" + Form.abbreviate(raw) + "\" is not snowflake.");
        return id;
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
