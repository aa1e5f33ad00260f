package io.concord.api.devices;

import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.error.BotsForbidden;
import io.concord.common.error.InvalidForm;
import io.concord.common.json.Json;
import io.concord.common.notify.Device;
import io.concord.common.notify.DeviceRepository;
import io.concord.common.notify.WebPushCrypto;
import java.net.URI;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /users/@me/devices {provider, token}} registers a push device, {@code DELETE
 * /users/@me/devices {provider, token}} removes it (both 204; removing a device one does not have
 * changes nothing). Providers: {@code webpush} (token = the browser's PushSubscription, as a JSON
 * object or its JSON text: {@code {endpoint, keys: {p256dh, auth}}}) and {@code webhook} (token = an
 * http(s) URL that gets the notification as JSON). Users only (bots 403 20001).
 */
public final class DeviceRoutes {
    public static final int MAX_DEVICES_PER_USER = 10;
    static final int MAX_URL = 2048;

    private DeviceRoutes() {}

    /** A validated registration: what identifies the device and the canonical token stored. */
    record Registration(String provider, String endpoint, String token) {}

    public static void register(Router router, DeviceRepository devices) {
        router.post("/users/@me/devices", call -> {
            Registration r = parse(call);
            if (!devices.register(call.principal().userId(), r.provider(), r.endpoint(), r.token(), MAX_DEVICES_PER_USER)) {
                throw InvalidForm.of("token", "DEVICE_LIMIT_REACHED", "Maximum number of devices reached (" + MAX_DEVICES_PER_USER + ")");
            }
            return Reply.noContent();
        });
        router.delete("/users/@me/devices", call -> {
            Registration r = parse(call);
            devices.remove(call.principal().userId(), r.provider(), r.endpoint());
            return Reply.noContent();
        });
    }

    static Registration parse(Call call) {
        if (call.principal().bot()) throw new BotsForbidden();
        Form form = call.form();
        JsonNode body = call.json();
        Optional<String> provider = form.string("provider", 1, 32, true);
        if (provider.isPresent() && !provider.get().equals(Device.WEBPUSH) && !provider.get().equals(Device.WEBHOOK)) {
            form.error("provider", "BASE_TYPE_CHOICES", "Value must be one of ('webpush', 'webhook').");
        }
        JsonNode token = body.get("token");
        Registration out = null;
        if (token == null || token.isNull()) {
            form.error("token", "BASE_TYPE_REQUIRED", "This field is required");
        } else if (provider.isPresent() && provider.get().equals(Device.WEBHOOK)) {
            Optional<String> url = form.string("token", 1, MAX_URL, true);
            if (url.isPresent()) {
                if (httpUrl(url.get())) out = new Registration(Device.WEBHOOK, url.get(), url.get());
                else form.error("token", "URL_TYPE_INVALID_URL", "Not a well formed URL.");
            }
        } else if (provider.isPresent() && provider.get().equals(Device.WEBPUSH)) {
            out = subscription(token, form);
        }
        form.done();
        return out;
    }

    /** A PushSubscription: an http(s) endpoint, p256dh a P-256 point (65 bytes), auth 16 bytes, both base64url. */
    private static Registration subscription(JsonNode token, Form form) {
        JsonNode sub = token;
        if (token.isString()) {
            if (token.stringValue().length() > 4096) {
                form.error("token", "BASE_TYPE_MAX_LENGTH", "Must be 4096 or fewer in length.");
                return null;
            }
            try {
                sub = Json.parse(token.stringValue());
            } catch (Json.MalformedJson e) {
                sub = null;
            }
        }
        if (sub == null || !sub.isObject()) {
            form.error("token", "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
            return null;
        }
        String endpoint = text(sub.get("endpoint"));
        boolean ok = true;
        if (endpoint == null || endpoint.length() > MAX_URL || !httpUrl(endpoint)) {
            form.error("token.endpoint", "URL_TYPE_INVALID_URL", "Not a well formed URL.");
            ok = false;
        }
        JsonNode keys = sub.path("keys");
        String p256dh = text(keys.get("p256dh"));
        if (!validKey(p256dh, 65, true)) {
            form.error("token.keys.p256dh", "BASE64_TYPE_INVALID", "Must be a base64url P-256 public key (65 bytes).");
            ok = false;
        }
        String auth = text(keys.get("auth"));
        if (!validKey(auth, 16, false)) {
            form.error("token.keys.auth", "BASE64_TYPE_INVALID", "Must be a base64url 16-byte secret.");
            ok = false;
        }
        if (!ok) return null;
        ObjectNode canonical = Json.object();
        canonical.put("endpoint", endpoint);
        ObjectNode k = canonical.putObject("keys");
        k.put("p256dh", p256dh);
        k.put("auth", auth);
        return new Registration(Device.WEBPUSH, endpoint, Json.write(canonical));
    }

    private static String text(JsonNode n) {
        return n != null && n.isString() ? n.stringValue() : null;
    }

    private static boolean validKey(String value, int bytes, boolean point) {
        if (value == null || value.length() > 200 || !value.matches("[A-Za-z0-9_\\-]+={0,2}")) return false;
        try {
            byte[] raw = WebPushCrypto.base64url(value);
            if (raw.length != bytes) return false;
            if (point) WebPushCrypto.decodePublic(raw); // on the curve
            return true;
        } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
            return false;
        }
    }

    static boolean httpUrl(String s) {
        try {
            URI u = new URI(s);
            return (("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null && !u.getHost().isEmpty()
                    && u.getRawUserInfo() == null);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
