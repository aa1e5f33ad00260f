package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.json.Json;
import io.concord.common.notify.Device;
import io.concord.common.notify.DeviceRepository;
import io.concord.common.notify.WebPushCrypto;
import io.concord.common.store.Postgres;
import io.concord.common.test.TestStack;
import java.net.http.HttpRequest.BodyPublishers;
import java.security.interfaces.ECPublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST/DELETE /users/@me/devices}: webpush subscriptions and webhook URLs are registered and
 * removed; malformed providers, URLs and keys are 50035 at the field and store nothing; the
 * per-user cap; bots are refused. What is stored is read back from PostgreSQL.
 */
class DeviceRoutesTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(190);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static Postgres pg;
    private static DeviceRepository devices;

    @BeforeAll
    static void connect() {
        pg = Postgres.connect(TestStack.stores());
        devices = new DeviceRepository(pg.jdbi());
    }

    @AfterAll
    static void close() {
        if (pg != null) pg.close();
    }

    private static Map<String, Object> subscription(String endpoint) {
        byte[] p256dh = WebPushCrypto.encodePoint((ECPublicKey) WebPushCrypto.generateKeyPair().getPublic());
        byte[] auth = new byte[16];
        new java.security.SecureRandom().nextBytes(auth);
        return Map.of("endpoint", endpoint, "keys", Map.of("p256dh", WebPushCrypto.base64url(p256dh), "auth", WebPushCrypto.base64url(auth)));
    }

    private static String endpoint() {
        return "https://push.example.net/send/" + UUID.randomUUID();
    }

    private static Response delete(Accounts.User u, Object body) {
        return rest.send("DELETE", "/users/@me/devices", u.token(), BodyPublishers.ofString(Json.write(body)), "application/json");
    }

    private static long id(Accounts.User u) {
        return Long.parseLong(u.id());
    }

    @Test
    void aWebPushSubscriptionIsRegisteredAsObjectOrJsonTextAndRemovedWithTheSameBody() {
        Accounts.User u = accounts.register();
        String e1 = endpoint();
        String e2 = endpoint();
        Map<String, Object> s1 = subscription(e1);
        assertThat(rest.post("/users/@me/devices", u.token(), Map.of("provider", "webpush", "token", s1)).status()).isEqualTo(204);
        assertThat(rest.post("/users/@me/devices", u.token(), Map.of("provider", "webpush", "token", Json.write(subscription(e2)))).status())
                .isEqualTo(204);

        List<Device> stored = devices.ofUser(id(u));
        assertThat(stored).extracting(Device::endpoint).containsExactlyInAnyOrder(e1, e2);
        Device first = stored.stream().filter(d -> d.endpoint().equals(e1)).findFirst().orElseThrow();
        assertThat(first.provider()).isEqualTo("webpush");
        assertThat(Json.parse(first.token()).path("keys").path("auth").asString()).isEqualTo(((Map<?, ?>) s1.get("keys")).get("auth"));

        assertThat(delete(u, Map.of("provider", "webpush", "token", s1)).status()).isEqualTo(204);
        assertThat(devices.ofUser(id(u))).extracting(Device::endpoint).containsExactly(e2);
    }

    @Test
    void registeringTheSameSubscriptionAgainKeepsOneDeviceAndAnotherUserTakesItOver() {
        Accounts.User a = accounts.register();
        Accounts.User b = accounts.register();
        Map<String, Object> s = subscription(endpoint());
        rest.post("/users/@me/devices", a.token(), Map.of("provider", "webpush", "token", s));
        rest.post("/users/@me/devices", a.token(), Map.of("provider", "webpush", "token", s));
        assertThat(devices.ofUser(id(a))).hasSize(1);

        assertThat(rest.post("/users/@me/devices", b.token(), Map.of("provider", "webpush", "token", s)).status()).isEqualTo(204);
        assertThat(devices.ofUser(id(a))).isEmpty();
        assertThat(devices.ofUser(id(b))).hasSize(1);
    }

    @Test
    void aWebhookUrlIsRegisteredAndRemoved() {
        Accounts.User u = accounts.register();
        String url = "http://127.0.0.1:9/hook/" + UUID.randomUUID();
        assertThat(rest.post("/users/@me/devices", u.token(), Map.of("provider", "webhook", "token", url)).status()).isEqualTo(204);
        assertThat(devices.ofUser(id(u))).extracting(Device::provider, Device::endpoint).containsExactly(org.assertj.core.groups.Tuple.tuple("webhook", url));
        assertThat(delete(u, Map.of("provider", "webhook", "token", url)).status()).isEqualTo(204);
        assertThat(devices.ofUser(id(u))).isEmpty();
    }

    @Test
    void removingADeviceOfAnotherUserChangesNothing() {
        Accounts.User a = accounts.register();
        Accounts.User b = accounts.register();
        String url = "https://hooks.example.net/" + UUID.randomUUID();
        rest.post("/users/@me/devices", a.token(), Map.of("provider", "webhook", "token", url));
        assertThat(delete(b, Map.of("provider", "webhook", "token", url)).status()).isEqualTo(204);
        assertThat(devices.ofUser(id(a))).hasSize(1);
    }

    @Test
    void badProvidersUrlsAndKeysAre50035AtTheFieldAndStoreNothing() {
        Accounts.User u = accounts.register();
        assertInvalidForm(rest.post("/users/@me/devices", u.token(), Map.of("provider", "apns", "token", "x")), "BASE_TYPE_CHOICES", "provider");
        assertInvalidForm(rest.post("/users/@me/devices", u.token(), Map.of("token", "x")), "BASE_TYPE_REQUIRED", "provider");
        assertInvalidForm(rest.post("/users/@me/devices", u.token(), Map.of("provider", "webhook")), "BASE_TYPE_REQUIRED", "token");
        assertInvalidForm(rest.post("/users/@me/devices", u.token(), Map.of("provider", "webhook", "token", "ftp://example.net/x")),
                "URL_TYPE_INVALID_URL", "token");
        assertInvalidForm(rest.post("/users/@me/devices", u.token(), Map.of("provider", "webhook", "token",
                "https://example.net/" + "a".repeat(2100))), "BASE_TYPE_BAD_LENGTH", "token");
        assertInvalidForm(rest.post("/users/@me/devices", u.token(), Map.of("provider", "webpush", "token", "not json")),
                "DICT_TYPE_CONVERT", "token");

        Map<String, Object> good = subscription(endpoint());
        @SuppressWarnings("unchecked") Map<String, Object> keys = new HashMap<>((Map<String, Object>) good.get("keys"));
        Map<String, Object> badEndpoint = Map.of("endpoint", "javascript:alert(1)", "keys", keys);
        assertInvalidForm(rest.post("/users/@me/devices", u.token(), Map.of("provider", "webpush", "token", badEndpoint)),
                "URL_TYPE_INVALID_URL", "token.endpoint");
        Map<String, Object> shortKey = new HashMap<>(keys);
        shortKey.put("p256dh", WebPushCrypto.base64url(new byte[33]));
        shortKey.put("auth", WebPushCrypto.base64url(new byte[8]));
        assertInvalidForm(rest.post("/users/@me/devices", u.token(), Map.of("provider", "webpush", "token",
                Map.of("endpoint", endpoint(), "keys", shortKey))), "BASE64_TYPE_INVALID", "token.keys.p256dh", "token.keys.auth");
        Map<String, Object> offCurve = new HashMap<>(keys);
        byte[] point = new byte[65];
        point[0] = 4;
        point[64] = 1;
        offCurve.put("p256dh", WebPushCrypto.base64url(point));
        assertInvalidForm(rest.post("/users/@me/devices", u.token(), Map.of("provider", "webpush", "token",
                Map.of("endpoint", endpoint(), "keys", offCurve))), "BASE64_TYPE_INVALID", "token.keys.p256dh");

        assertThat(devices.ofUser(id(u))).isEmpty();
    }

    @Test
    void aUserHasAtMostTheCapOfDevices() {
        Accounts.User u = accounts.register();
        for (int i = 0; i < io.concord.api.devices.DeviceRoutes.MAX_DEVICES_PER_USER; i++) {
            assertThat(rest.post("/users/@me/devices", u.token(), Map.of("provider", "webhook", "token",
                    "https://hooks.example.net/" + UUID.randomUUID())).status()).isEqualTo(204);
        }
        String existing = devices.ofUser(id(u)).getFirst().endpoint();
        assertInvalidForm(rest.post("/users/@me/devices", u.token(), Map.of("provider", "webhook", "token",
                "https://hooks.example.net/" + UUID.randomUUID())), "DEVICE_LIMIT_REACHED", "token");
        assertThat(rest.post("/users/@me/devices", u.token(), Map.of("provider", "webhook", "token", existing)).status())
                .as("registering a device again is not a new one").isEqualTo(204);
        assertThat(devices.ofUser(id(u))).hasSize(io.concord.api.devices.DeviceRoutes.MAX_DEVICES_PER_USER);
    }

    @Test
    void botsCannotRegisterDevicesAndAnonymousCallersAreUnauthorized() {
        Accounts.User owner = accounts.register();
        Bots.Bot bot = new Bots(rest).create(owner, "notify bot " + UUID.randomUUID().toString().substring(0, 6));
        assertError(rest.post("/users/@me/devices", bot.token(), Map.of("provider", "webhook", "token", "https://example.net/h")),
                403, 20001, "Bots cannot use this endpoint");
        assertThat(devices.ofUser(Long.parseLong(bot.userId()))).isEmpty();
        assertThat(rest.post("/users/@me/devices", null, Map.of("provider", "webhook", "token", "https://example.net/h")).status())
                .isEqualTo(401);
    }
}
