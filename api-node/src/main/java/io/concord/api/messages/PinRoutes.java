package io.concord.api.messages;

import io.concord.api.audit.AuditReason;
import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Pins, at the current {@code /messages/pins} routes and the deprecated {@code /pins} ones JDA 6 still calls. */
public final class PinRoutes {
    private PinRoutes() {}

    public static void register(Router router, PinService pins) {
        router.get("/channels/{channel_id}/messages/pins", call -> {
            long channelId = call.id("channel_id");
            Form form = Form.empty();
            Optional<Instant> before = before(call, form);
            int limit = limit(call, form);
            form.done();
            return Reply.ok(pins.page(call.principal().userId(), channelId, before, limit));
        });
        router.get("/channels/{channel_id}/pins", call -> Reply.ok(pins.legacyList(call.principal().userId(), call.id("channel_id"))));
        for (String path : new String[] {"/channels/{channel_id}/messages/pins/{message_id}", "/channels/{channel_id}/pins/{message_id}"}) {
            router.put(path, call -> {
                pins.pin(call.principal().userId(), call.id("channel_id"), call.id("message_id"), AuditReason.of(call));
                return Reply.noContent();
            });
            router.delete(path, call -> {
                pins.unpin(call.principal().userId(), call.id("channel_id"), call.id("message_id"), AuditReason.of(call));
                return Reply.noContent();
            });
        }
    }

    private static Optional<Instant> before(Call call, Form form) {
        Optional<String> raw = call.query("before");
        if (raw.isEmpty()) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(raw.get()).toInstant());
        } catch (DateTimeParseException e) {
            form.error("before", "DATE_TIME_TYPE_PARSE", "Could not parse " + MessageRoutes.abbreviate(raw.get()) + ". Should be ISO8601.");
            return Optional.empty();
        }
    }

    private static int limit(Call call, Form form) {
        Optional<String> raw = call.query("limit");
        if (raw.isEmpty()) return PinService.MAX_PAGE;
        try {
            int limit = Integer.parseInt(raw.get());
            if (limit < 1) form.error("limit", "NUMBER_TYPE_MIN", "int value should be greater than or equal to 1.");
            if (limit > PinService.MAX_PAGE) form.error("limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 50.");
            return Math.max(1, Math.min(limit, PinService.MAX_PAGE));
        } catch (NumberFormatException e) {
            form.error("limit", "NUMBER_TYPE_COERCE", "Value \"" + MessageRoutes.abbreviate(raw.get()) + "\" is not int.");
            return PinService.MAX_PAGE;
        }
    }
}
