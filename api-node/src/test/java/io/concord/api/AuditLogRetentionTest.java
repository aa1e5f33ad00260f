package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.Accounts.User;
import io.concord.api.RestClient.Response;
import io.concord.api.audit.AuditLogPurge;
import io.concord.common.store.Postgres;
import io.concord.common.store.Redis;
import io.concord.common.test.ManualClock;
import io.concord.common.test.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;
import tools.jackson.databind.JsonNode;

/**
 * AUDIT_LOG_RETENTION_DAYS: an entry older than the retention is never answered, even while it is
 * still stored, and the periodic purge deletes it (unless another node holds the purge lock).
 * The node's clock starts in the past, so the purge at "now" deletes only this test's old entries.
 */
class AuditLogRetentionTest {
    private static final ManualClock clock = new ManualClock(Instant.now().minus(Duration.ofDays(3)).toEpochMilli());
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(282, clock,
            Map.of("RATE_LIMITS", "off", "AUDIT_LOG_RETENTION_DAYS", "1", "AUDIT_LOG_PURGE_INTERVAL_SECONDS", "1"));
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final AuditLogs audit = new AuditLogs(rest);
    private static Postgres postgres;
    private static RedisClient redis;

    @BeforeAll
    static void connect() {
        postgres = Postgres.connect(TestStack.stores());
        redis = Redis.connect(TestStack.stores());
    }

    @AfterAll
    static void disconnect() {
        redis.del(AuditLogPurge.LOCK_KEY);
        redis.close();
        postgres.close();
    }

    private static boolean stored(String entryId) {
        return postgres.jdbi().withHandle(h -> h.createQuery("select count(*) from audit_log_entries where id = :id")
                .bind("id", Long.parseLong(entryId)).mapTo(Integer.class).one()) == 1;
    }

    private static String rename(User owner, String guildId, String name) {
        assertThat(rest.patch("/guilds/" + guildId, owner.token(), Map.of("name", name)).status()).isEqualTo(200);
        return audit.read(guildId, owner.token(), "limit=1").path("audit_log_entries").path(0).path("id").asString();
    }

    @Test
    void anExpiredEntryIsNeverAnsweredAndThePurgeDeletesIt() throws Exception {
        User owner = accounts.register();
        String guildId = accounts.createGuild(owner).id();
        String old = rename(owner, guildId, "Renamed long ago");
        assertThat(stored(old)).isTrue();

        // Another node is purging: this one must leave the entry alone until the lock is free.
        takePurgeLock();
        clock.advance(Duration.ofDays(1).plusHours(1));
        Response login = rest.post("/auth/login", null, Map.of("login", owner.email(), "password", Accounts.PASSWORD));
        User again = new User(owner.id(), owner.username(), login.json().path("token").asString(), "", owner.email());
        String recent = rename(again, guildId, "Renamed just now");

        JsonNode answer = audit.read(guildId, again.token(), "");
        assertThat(answer.path("audit_log_entries")).extracting(e -> e.path("id").asString()).containsExactly(recent);
        assertThat(audit.read(guildId, again.token(), "after=0").path("audit_log_entries")).hasSize(1);
        assertThat(stored(old)).as("the expired entry while the purge lock is held elsewhere").isTrue();

        redis.del(AuditLogPurge.LOCK_KEY);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (stored(old) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(stored(old)).as("the expired entry after the purge").isFalse();
        assertThat(stored(recent)).as("the entry within the retention").isTrue();
        assertThat(audit.read(guildId, again.token(), "").path("audit_log_entries")).hasSize(1);
    }

    /** Waits for a purge of this node that may be running to finish, then holds the lock as another node would. */
    private static void takePurgeLock() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"OK".equals(redis.set(AuditLogPurge.LOCK_KEY, "another-node", SetParams.setParams().nx().px(60_000)))) {
            assertThat(System.nanoTime()).as("the purge lock within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
