package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.config.WorkerConfig;
import io.concord.common.json.Json;
import io.concord.common.notify.DeviceRepository;
import io.concord.common.notify.NotificationQueue;
import io.concord.common.notify.WebPushCrypto;
import io.concord.common.permission.Permission;
import io.concord.common.store.Postgres;
import io.concord.common.test.ManualClock;
import io.concord.common.test.TestStack;
import io.concord.readstate.notify.NotifyConfig;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Notifications for offline users on the real stack (api-node, ws-node, fanout, and the
 * readstate-worker with its {@code notify} group and dispatcher), delivered to a real local HTTP
 * receiver. Web Push bodies are decrypted with the subscription's private key and auth secret that
 * the test created as a browser would. When a notification is due is driven by a clock the test
 * moves; negatives are proven by order (a later notification arrives, the earlier one never did).
 */
class NotificationTest {
    private static final Duration DELAY = Duration.ofSeconds(30);
    private static final Duration BACKOFF = Duration.ofSeconds(10);
    private static Stack stack;
    private static AutoCloseable worker;
    private static ReadStateWorld world;
    private static PushReceiver receiver;
    private static ManualClock clock;
    private static WebPushCrypto.VapidKeys vapid;
    private static Postgres pg;
    private static DeviceRepository devices;
    private static NotificationQueue queue;
    private static NotifyConfig notify;
    private static ReadStateWorld.User owner;
    private static String guild;
    private static String lobby;

    /** The browser side of a push subscription. */
    record Browser(ReadStateWorld.User user, String path, KeyPair keys, byte[] auth) {
        byte[] publicKey() {
            return WebPushCrypto.encodePoint((ECPublicKey) keys.getPublic());
        }

        JsonNode decrypt(PushReceiver.Request r) throws Exception {
            return Json.parse(new String(WebPushCrypto.decrypt(r.body(), (ECPrivateKey) keys.getPrivate(), publicKey(), auth),
                    StandardCharsets.UTF_8));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack(972, 973, true, false);
        clock = ManualClock.now();
        vapid = WebPushCrypto.generateVapidKeys();
        notify = new NotifyConfig(true, vapid, "mailto:ops@concord.invalid", DELAY, 3, BACKOFF, Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofMillis(50), Duration.ofSeconds(10), 10_000);
        worker = startWorker();
        receiver = new PushReceiver();
        pg = Postgres.connect(TestStack.stores());
        devices = new DeviceRepository(pg.jdbi());
        queue = new NotificationQueue(pg.jdbi());
        world = new ReadStateWorld(stack.rest());
        owner = world.user("owner");
        guild = world.guild(owner);
        lobby = world.textChannel(owner, guild, "[]");
    }

    private static AutoCloseable startWorker() throws Exception {
        return io.concord.readstate.Main.start(WorkerConfig.fromEnv(TestStack.env(Map.of("ADMIN_PORT", "0", "LEASE_TTL_MS", "3000")),
                "readstate", 0), Clock.systemUTC(), notify, clock);
    }

    @AfterAll
    static void stop() throws Exception {
        if (worker != null) worker.close();
        if (stack != null) stack.close();
        if (receiver != null) receiver.close();
        if (pg != null) pg.close();
    }

    private static ReadStateWorld.User member(String name) {
        ReadStateWorld.User u = world.user(name);
        world.join(owner, lobby, u);
        return u;
    }

    private static Browser subscribe(ReadStateWorld.User u, Integer... statuses) {
        KeyPair keys = WebPushCrypto.generateKeyPair();
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        String path = "/push/" + u.id();
        Browser b = new Browser(u, path, keys, auth);
        String sub = Json.write(Map.of("endpoint", receiver.url(path, statuses), "keys",
                Map.of("p256dh", WebPushCrypto.base64url(b.publicKey()), "auth", WebPushCrypto.base64url(auth))));
        var r = stack.rest().call("POST", "/users/@me/devices", u.token(), Json.write(Map.of("provider", "webpush", "token", sub)));
        assertThat(r.status()).as("register device: %s", r).isEqualTo(204);
        return b;
    }

    /** Moves the clock past the first delay (and any backoff) until the path gets a request. */
    private static PushReceiver.Request deliveredTo(String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            clock.advance(DELAY.plusSeconds(1));
            var r = receiver.within(path, Duration.ofMillis(300));
            if (r.isPresent()) return r.get();
        }
        throw new AssertionError("nothing delivered to " + path);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void anOfflineMentionedUserGetsAnEncryptedVapidSignedWebPushAndAnOnlineOneGetsNone() throws Exception {
        ReadStateWorld.User offline = member("offline");
        ReadStateWorld.User online = member("online");
        Browser offlineBrowser = subscribe(offline);
        Browser onlineBrowser = subscribe(online);
        try (GatewayClient session = new GatewayClient(stack.ws.publicUrl())) {
            session.identify(online.token());
            session.awaitDispatch("READY");

            world.send(owner, lobby, "hi <@" + online.id() + ">");
            String m = world.send(owner, lobby, "hello <@" + offline.id() + "> " + "x".repeat(300));

            PushReceiver.Request r = deliveredTo(offlineBrowser.path());
            assertThat(r.header("Content-Encoding")).isEqualTo("aes128gcm");
            assertThat(r.header("TTL")).isNotNull();
            String authorization = r.header("Authorization");
            assertThat(authorization).startsWith("vapid t=").endsWith(", k=" + vapid.publicKey());
            String jwt = authorization.substring("vapid t=".length(), authorization.indexOf(", k="));
            assertThat(WebPushCrypto.verifyJwt(jwt, WebPushCrypto.base64url(vapid.publicKey()))).isTrue();
            JsonNode claims = Json.parse(new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
            assertThat(claims.path("aud").asString()).isEqualTo(receiver.origin());

            JsonNode n = offlineBrowser.decrypt(r);
            assertThat(n.path("message_id").asString()).isEqualTo(m);
            assertThat(n.path("channel_id").asString()).isEqualTo(lobby);
            assertThat(n.path("guild_id").asString()).isEqualTo(guild);
            assertThat(n.path("author").path("id").asString()).isEqualTo(owner.id());
            assertThat(n.path("content").asString()).startsWith("hello <@" + offline.id() + "> xxx").endsWith("…");
            assertThat(n.path("content").asString().codePointCount(0, n.path("content").asString().length())).isEqualTo(200);

            assertThat(receiver.taken(onlineBrowser.path())).as("the online user's earlier mention was never queued").isEmpty();
            assertThat(queue.pendingFor(Long.parseLong(online.id()))).isZero();
        }
    }

    @Test
    void aDmNotifiesTheOtherRecipientButNeverTheAuthor() throws Exception {
        ReadStateWorld.User a = world.user("dm_a");
        ReadStateWorld.User c = world.user("dm_c");
        Browser aBrowser = subscribe(a);
        Browser cBrowser = subscribe(c);
        String dm = ReadStateWorld.ok(stack.rest().call("POST", "/users/@me/channels", c.token(),
                "{\"recipient_id\":\"" + a.id() + "\"}")).path("id").asString();

        String fromC = world.send(c, dm, "psst");
        JsonNode toA = aBrowser.decrypt(deliveredTo(aBrowser.path()));
        assertThat(toA.path("message_id").asString()).isEqualTo(fromC);
        assertThat(toA.path("channel_id").asString()).isEqualTo(dm);
        assertThat(toA.has("guild_id")).isFalse();
        assertThat(toA.path("author").path("id").asString()).isEqualTo(c.id());
        assertThat(toA.path("content").asString()).isEqualTo("psst");

        String fromA = world.send(a, dm, "yes?");
        JsonNode toC = cBrowser.decrypt(deliveredTo(cBrowser.path()));
        assertThat(toC.path("message_id").asString()).as("c's first notification is a's reply, not c's own message").isEqualTo(fromA);
    }

    @Test
    void mentionsFollowTheReadStateRulesForRolesEveryoneAndChannelsTheUserCannotView() throws Exception {
        ReadStateWorld.User holder = member("holder");
        ReadStateWorld.User other = member("other");
        Browser holderBrowser = subscribe(holder);
        Browser otherBrowser = subscribe(other);
        String role = world.role(owner, guild, holder);
        String hidden = world.textChannel(owner, guild, "[{\"id\":\"" + guild + "\",\"type\":0,\"allow\":\"0\",\"deny\":\""
                + Permission.VIEW_CHANNEL + "\"},{\"id\":\"" + role + "\",\"type\":0,\"allow\":\"" + Permission.VIEW_CHANNEL + "\",\"deny\":\"0\"}]");

        String everyoneHidden = world.send(owner, hidden, "@everyone <@" + other.id() + ">");
        JsonNode toHolder = holderBrowser.decrypt(deliveredTo(holderBrowser.path()));
        assertThat(toHolder.path("message_id").asString()).isEqualTo(everyoneHidden);

        String roleMention = world.send(owner, lobby, "<@&" + role + "> only");
        assertThat(holderBrowser.decrypt(deliveredTo(holderBrowser.path())).path("message_id").asString()).isEqualTo(roleMention);
        String direct = world.send(owner, lobby, "now <@" + other.id() + ">");
        JsonNode toOther = otherBrowser.decrypt(deliveredTo(otherBrowser.path()));
        assertThat(toOther.path("message_id").asString())
                .as("other could not view the hidden channel and lacks the role: the direct mention is the first").isEqualTo(direct);
    }

    @Test
    void aFailedDeliveryIsRetriedAfterTheBackoffAndThenSucceeds() throws Exception {
        ReadStateWorld.User u = member("retry");
        Browser b = subscribe(u, 500, 503);
        String m = world.send(owner, lobby, "<@" + u.id() + ">");

        PushReceiver.Request first = deliveredTo(b.path());
        assertThat(first.answered()).isEqualTo(500);
        PushReceiver.Request second = deliveredTo(b.path());
        assertThat(second.answered()).isEqualTo(503);
        PushReceiver.Request third = deliveredTo(b.path());
        assertThat(third.answered()).isEqualTo(201);
        for (PushReceiver.Request r : new PushReceiver.Request[] {first, second, third}) {
            assertThat(b.decrypt(r).path("message_id").asString()).isEqualTo(m);
        }
        await("the delivered notification leaves the queue", () -> queue.pendingFor(Long.parseLong(u.id())) == 0);
        assertThat(devices.ofUser(Long.parseLong(u.id()))).hasSize(1);
    }

    @Test
    void aGoneSubscriptionRemovesTheDevice() throws Exception {
        ReadStateWorld.User u = member("gone");
        Browser b = subscribe(u, 410);
        world.send(owner, lobby, "<@" + u.id() + ">");
        assertThat(deliveredTo(b.path()).answered()).isEqualTo(410);
        await("the device is removed", () -> devices.ofUser(Long.parseLong(u.id())).isEmpty());
        assertThat(queue.pendingFor(Long.parseLong(u.id()))).isZero();
    }

    @Test
    void anAckBeforeDeliveryCancelsTheNotification() throws Exception {
        ReadStateWorld.User reader = member("reader");
        ReadStateWorld.User later = member("later");
        Browser readerBrowser = subscribe(reader);
        Browser laterBrowser = subscribe(later);

        String m = world.send(owner, lobby, "<@" + reader.id() + "> read me");
        await("the reader's notification is queued", () -> queue.pendingFor(Long.parseLong(reader.id())) == 1);
        world.ack(reader, lobby, m);
        String next = world.send(owner, lobby, "<@" + later.id() + ">");
        // Same guild stream, in order: once the later mention is queued, the ack was handled.
        await("the later notification is queued", () -> queue.pendingFor(Long.parseLong(later.id())) == 1);
        assertThat(queue.pendingFor(Long.parseLong(reader.id()))).isZero();

        assertThat(laterBrowser.decrypt(deliveredTo(laterBrowser.path())).path("message_id").asString()).isEqualTo(next);
        assertThat(receiver.taken(readerBrowser.path())).as("the acked notification was never sent").isEmpty();
    }

    @Test
    void aWebhookDeviceGetsTheNotificationAsJson() throws Exception {
        ReadStateWorld.User u = member("hooked");
        String path = "/hook/" + u.id();
        var r = stack.rest().call("POST", "/users/@me/devices", u.token(),
                Json.write(Map.of("provider", "webhook", "token", receiver.url(path))));
        assertThat(r.status()).isEqualTo(204);
        String m = world.send(owner, lobby, "ping <@" + u.id() + ">");

        PushReceiver.Request got = deliveredTo(path);
        assertThat(got.header("Content-Type")).isEqualTo("application/json");
        assertThat(got.header("Authorization")).isNull();
        JsonNode n = Json.parse(new String(got.body(), StandardCharsets.UTF_8));
        assertThat(n.path("type").asString()).isEqualTo("MESSAGE_CREATE");
        assertThat(n.path("user_id").asString()).isEqualTo(u.id());
        assertThat(n.path("message_id").asString()).isEqualTo(m);
        assertThat(n.path("channel_id").asString()).isEqualTo(lobby);
        assertThat(n.path("author").path("id").asString()).isEqualTo(owner.id());
        assertThat(n.path("content").asString()).isEqualTo("ping <@" + u.id() + ">");
    }

    @Test
    void aQueuedNotificationSurvivesAWorkerRestart() throws Exception {
        ReadStateWorld.User u = member("restart");
        Browser b = subscribe(u);
        String m = world.send(owner, lobby, "<@" + u.id() + "> while the worker restarts");
        await("queued", () -> queue.pendingFor(Long.parseLong(u.id())) == 1);
        worker.close();
        worker = startWorker();
        assertThat(b.decrypt(deliveredTo(b.path())).path("message_id").asString()).isEqualTo(m);
        await("delivered and removed", () -> queue.pendingFor(Long.parseLong(u.id())) == 0);
    }

    @Test
    void aDeliveryClaimedByADispatcherThatDiedIsSentOnceTheClaimExpires() throws Exception {
        ReadStateWorld.User u = member("claimed");
        Browser b = subscribe(u);
        String m = world.send(owner, lobby, "<@" + u.id() + "> claimed");
        await("queued", () -> queue.pendingFor(Long.parseLong(u.id())) == 1);
        // A dispatcher (this test) claims the due row and "crashes" before sending or recording anything.
        Instant due = clock.instant().plus(DELAY).plusSeconds(1);
        var claimed = queue.claimDue(due, due.plus(notify.claim()), 1000);
        assertThat(claimed).extracting(NotificationQueue.Pending::messageId).contains(Long.parseLong(m));

        PushReceiver.Request r = deliveredTo(b.path()); // the clock moves past the claim: the live dispatcher retries it
        assertThat(b.decrypt(r).path("message_id").asString()).isEqualTo(m);
        await("delivered and removed", () -> queue.pendingFor(Long.parseLong(u.id())) == 0);
    }

    @Test
    void aMessageMentioningNobodyNotifiesNobodyAndTheNextMentionStillArrives() throws Exception {
        ReadStateWorld.User u = member("plain");
        Browser b = subscribe(u);
        String plain = world.send(owner, lobby, "nothing for anyone");
        String m = world.send(owner, lobby, "<@" + u.id() + "> now");
        assertThat(b.decrypt(deliveredTo(b.path())).path("message_id").asString()).isEqualTo(m).isNotEqualTo(plain);
    }
}
