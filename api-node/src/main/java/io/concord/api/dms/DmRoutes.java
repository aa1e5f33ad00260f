package io.concord.api.dms;

import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.dm.DmRow;
import io.concord.common.id.Snowflakes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST/GET /users/@me/channels} and {@code PUT/DELETE /channels/{id}/recipients/{user}}. The
 * DM cases of {@code GET/PATCH/DELETE /channels/{id}} are answered here through {@link #channel},
 * {@link #edit} and {@link #delete}, called by the channel routes when the id is a DM.
 */
public final class DmRoutes {
    private DmRoutes() {}

    public static void register(Router router, DmService dms) {
        router.post("/users/@me/channels", call -> {
            long userId = call.principal().userId();
            Form form = call.form();
            JsonNode body = call.json();
            if (body.has("recipients") && !body.get("recipients").isNull()) {
                List<Long> recipients = snowflakes(body.get("recipients"), "recipients", form, dms.maxRecipients());
                Optional<String> name = form.string("name", 0, 100, false);
                form.done();
                return Reply.ok(dms.createGroup(userId, recipients, name.filter(n -> !n.isBlank()).orElse(null)));
            }
            OptionalLong recipient = form.snowflake("recipient_id", true);
            form.done();
            return Reply.ok(dms.open(userId, recipient.getAsLong()));
        });
        router.get("/users/@me/channels", call -> Reply.ok(dms.list(call.principal().userId())));
        router.put("/channels/{channel_id}/recipients/{user_id}", call -> {
            dms.addRecipient(call.principal().userId(), call.id("channel_id"), call.id("user_id"));
            return Reply.noContent();
        });
        router.delete("/channels/{channel_id}/recipients/{user_id}", call -> {
            dms.removeRecipient(call.principal().userId(), call.id("channel_id"), call.id("user_id"));
            return Reply.noContent();
        });
    }

    /** {@code GET /channels/{id}} of a DM. */
    public static Reply channel(Call call, DmService dms, DmRow row) {
        return Reply.ok(dms.get(call.principal().userId(), row));
    }

    /** {@code PATCH /channels/{id}} of a group DM: {@code name} (null clears it), {@code icon}. */
    public static Reply edit(Call call, DmService dms, DmRow row) {
        Form form = call.form();
        JsonNode body = call.json();
        Optional<String> name = form.string("name", 0, 100, false);
        boolean clearName = body.has("name") && (body.get("name").isNull() || name.map(String::isBlank).orElse(false));
        boolean setIcon = body.has("icon");
        Optional<String> icon = form.string("icon", 0, 256, false);
        form.done();
        return Reply.ok(dms.edit(call.principal().userId(), row, name, clearName, setIcon, icon.orElse(null)));
    }

    /** {@code DELETE /channels/{id}} of a DM: close it, or leave the group. */
    public static Reply delete(Call call, DmService dms, DmRow row) {
        return Reply.ok(dms.closeOrLeave(call.principal().userId(), row));
    }

    /** A JSON array of 1..max snowflakes; errors go to the form as {@code field.i}. */
    private static List<Long> snowflakes(JsonNode array, String field, Form form, int max) {
        List<Long> out = new ArrayList<>();
        if (!array.isArray()) {
            form.error(field, "BASE_TYPE_ARRAY", "Must be an array");
            return out;
        }
        // Bounded before reading: the service then answers 30004 for anything over the configured cap.
        if (array.size() > 100) {
            form.error(field, "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
            return out;
        }
        if (array.isEmpty()) form.error(field, "BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length.");
        for (int i = 0; i < array.size(); i++) {
            JsonNode v = array.get(i);
            String raw = v.isString() ? v.stringValue() : v.isIntegralNumber() ? v.asString() : v.toString();
            OptionalLong id = Snowflakes.parse(raw);
            if (id.isEmpty()) form.error(field + "." + i, "NUMBER_TYPE_COERCE", "Value is not snowflake.");
            else out.add(id.getAsLong());
        }
        return out;
    }
}
