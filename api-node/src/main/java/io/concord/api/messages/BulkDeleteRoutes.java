package io.concord.api.messages;

import io.concord.api.audit.AuditReason;
import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** {@code POST /channels/{c}/messages/bulk-delete {messages: [2..100 ids]}}. */
public final class BulkDeleteRoutes {
    static final int BULK_MIN = 2;
    static final int BULK_MAX = 100;

    private BulkDeleteRoutes() {}

    public static void register(Router router, BulkDeleteService bulk) {
        router.post("/channels/{channel_id}/messages/bulk-delete", call -> {
            long channelId = call.id("channel_id");
            bulk.bulkDelete(call.principal().userId(), channelId, bulkIds(call), AuditReason.of(call));
            return Reply.noContent();
        });
    }

    private static List<Long> bulkIds(Call call) {
        Form form = call.form();
        JsonNode n = call.json().get("messages");
        List<Long> ids = new ArrayList<>();
        if (n == null || n.isNull()) {
            form.error("messages", "BASE_TYPE_REQUIRED", "This field is required");
        } else if (!n.isArray()) {
            form.error("messages", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
        } else if (n.size() < BULK_MIN) {
            form.error("messages", "BASE_TYPE_MIN_LENGTH", "Must be " + BULK_MIN + " or more in length.");
        } else if (n.size() > BULK_MAX) {
            form.error("messages", "BASE_TYPE_MAX_LENGTH", "Must be " + BULK_MAX + " or fewer in length.");
        } else {
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < n.size(); i++) {
                OptionalLong id = MessageRoutes.snowflake(n.get(i), "messages." + i, true, form);
                if (id.isPresent() && !seen.add(id.getAsLong())) {
                    form.error("messages", "LIST_ITEM_VALUE_DUPLICATE", "The list contains duplicate values.");
                    break;
                }
                id.ifPresent(ids::add);
            }
        }
        form.done();
        return ids;
    }
}
