package io.concord.api.oauth2;

import io.concord.api.audit.AuditReason;
import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.id.Snowflakes;
import io.concord.common.permission.Permission;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /oauth2/authorize?client_id=&scope=bot&permissions=} with {@code {guild_id, permissions,
 * authorize}}: what Discord's "add to server" page sends. Permissions are unsigned decimal strings
 * (a JSON number is accepted too); the body's win over the query's.
 */
public final class OAuth2Routes {
    private static final int MAX_SCOPE_LENGTH = 1024;

    private OAuth2Routes() {}

    public static void register(Router router, BotAuthorizationService service) {
        router.post("/oauth2/authorize", call -> Reply.ok(service.authorize(call.principal(), parse(call), AuditReason.of(call))));
    }

    static BotAuthorization parse(Call call) {
        Form form = call.form();
        OptionalLong clientId = querySnowflake(call, form, "client_id");
        Set<String> scopes = scopes(call, form);
        boolean authorize = form.bool("authorize", false);
        OptionalLong guildId = form.snowflake("guild_id", authorize);
        long permissions = permissions(call, form);
        form.done();
        return new BotAuthorization(clientId.orElseThrow(), scopes, authorize, guildId.orElse(0), permissions);
    }

    private static OptionalLong querySnowflake(Call call, Form form, String name) {
        Optional<String> raw = call.query(name);
        if (raw.isEmpty()) {
            form.error(name, "BASE_TYPE_REQUIRED", "This field is required");
            return OptionalLong.empty();
        }
        OptionalLong id = Snowflakes.parse(raw.get());
        if (id.isEmpty()) form.error(name, "NUMBER_TYPE_COERCE", "Value \"" + Form.abbreviate(raw.get()) + "\" is not snowflake.");
        return id;
    }

    private static Set<String> scopes(Call call, Form form) {
        Optional<String> raw = call.query("scope").filter(s -> !s.isBlank());
        if (raw.isEmpty()) {
            form.error("scope", "BASE_TYPE_REQUIRED", "This field is required");
            return Set.of();
        }
        if (raw.get().length() > MAX_SCOPE_LENGTH) {
            form.error("scope", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_SCOPE_LENGTH + " or fewer in length.");
            return Set.of();
        }
        Set<String> scopes = Arrays.stream(raw.get().split("[\\s+]+")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        if (!scopes.contains("bot")) form.error("scope", "SCOPE_BOT_REQUIRED", "Scope must include \"bot\" to add a bot to a guild.");
        return scopes;
    }

    /** The body's {@code permissions}, else the query's, else none. */
    private static long permissions(Call call, Form form) {
        JsonNode body = call.json().get("permissions");
        String raw;
        if (body != null && !body.isNull()) {
            raw = body.isString() ? body.stringValue() : body.isIntegralNumber() ? body.asString() : body.toString();
        } else {
            raw = call.query("permissions").orElse("0");
        }
        if (!raw.matches("\\d{1,20}")) {
            form.error("permissions", "NUMBER_TYPE_COERCE", "Value \"" + Form.abbreviate(raw) + "\" is not a valid permission set.");
            return 0;
        }
        long value;
        try {
            value = Long.parseUnsignedLong(raw);
        } catch (NumberFormatException e) {
            form.error("permissions", "NUMBER_TYPE_MAX", "Value \"" + Form.abbreviate(raw) + "\" is too large.");
            return 0;
        }
        if ((value & ~Permission.ALL) != 0) {
            form.error("permissions", "PERMISSIONS_INVALID", "Value \"" + raw + "\" holds unknown permission bits.");
            return 0;
        }
        return value;
    }
}
