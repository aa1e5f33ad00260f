package io.concord.api.messages;

import io.concord.api.audit.AuditReason;
import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.QueryParams;
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
            int limit = QueryParams.limit(call, PinService.MAX_PAGE, PinService.MAX_PAGE, form);
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
            form.error("before", "DATE_TIME_TYPE_PARSE", "Could not parse " + Form.abbreviate(raw.get()) + ". Should be ISO8601.");
            return Optional.empty();
        }
    }
}
