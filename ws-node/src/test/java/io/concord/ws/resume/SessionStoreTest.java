package io.concord.ws.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import io.concord.ws.session.Intents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/** The resumable-session records in a real Redis: generation fencing, and ended sessions staying ended. */
class SessionStoreTest {
    private static final RedisClient redis = Redis.connect(TestStack.stores());
    private static final SessionStore store = new SessionStore(redis, Duration.ofMinutes(3));
    private static final long USER = 4242;

    @AfterAll
    static void close() {
        redis.close();
    }

    private static SessionStore.Write checkpoint(String id, long generation, long seq) {
        Cut cut = new Cut(seq, Map.of(0, new StreamEntryID(1, 0)), Set.of(7L));
        return new SessionStore.Write(id, generation, Optional.of(cut),
                StoredSession.identity(USER, Intents.UNDECLARED, 50, 1, generation));
    }

    @Test
    void aCheckpointPlannedBeforeTheSessionEndedDoesNotBringItBack() {
        String id = UUID.randomUUID().toString();
        assertThat(store.write(List.of(checkpoint(id, 0, 3)))).containsExactly(SessionStore.Outcome.WRITTEN);
        store.delete(id, 0);
        // The checkpoint pass read the session just before it ended; its write lands after.
        assertThat(store.write(List.of(checkpoint(id, 0, 4)))).containsExactly(SessionStore.Outcome.LOST);
        assertThat(store.user(id)).isEmpty();
        assertThat(store.take(id, 2)).isEmpty();
    }

    @Test
    void aFirstCheckpointAfterTheSessionEndedIsRefusedToo() {
        String id = UUID.randomUUID().toString();
        store.delete(id, 0);
        assertThat(store.write(List.of(checkpoint(id, 0, 2)))).containsExactly(SessionStore.Outcome.LOST);
        assertThat(store.user(id)).isEmpty();
    }

    @Test
    void theOldHolderCanNeitherWriteNorDeleteASessionTakenOverElsewhere() {
        String id = UUID.randomUUID().toString();
        store.write(List.of(checkpoint(id, 0, 3)));
        StoredSession taken = store.take(id, 2).orElseThrow();
        assertThat(taken.generation()).isEqualTo(1);

        assertThat(store.write(List.of(checkpoint(id, 0, 9)))).containsExactly(SessionStore.Outcome.LOST);
        store.delete(id, 0);
        assertThat(store.user(id)).contains(USER);
        assertThat(store.write(List.of(checkpoint(id, 1, 9)))).containsExactly(SessionStore.Outcome.WRITTEN);
    }

    @Test
    void laterCutsWithoutTheIdentityKeepTheOneWrittenFirst() {
        String id = UUID.randomUUID().toString();
        store.write(List.of(checkpoint(id, 0, 3)));
        String later = new Cut(5, Map.of(0, new StreamEntryID(2, 0)), Set.of(7L)).encode();
        assertThat(store.write(List.of(new SessionStore.Write(id, 0, later, Map.of())))).containsExactly(SessionStore.Outcome.WRITTEN);

        StoredSession stored = store.take(id, 2).orElseThrow();
        assertThat(stored.userId()).isEqualTo(USER);
        assertThat(stored.cuts()).extracting(Cut::seq).containsExactly(5L, 3L);
    }

    @Test
    void aCutWithoutTheIdentityForAMissingRecordWritesNothingAndAsksForIt() {
        String id = UUID.randomUUID().toString();
        String cut = new Cut(5, Map.of(0, new StreamEntryID(2, 0)), Set.of(7L)).encode();
        assertThat(store.write(List.of(new SessionStore.Write(id, 0, cut, Map.of())))).containsExactly(SessionStore.Outcome.NEEDS_IDENTITY);
        assertThat(redis.exists(SessionStore.key(id))).isFalse();
    }

    @Test
    void writesGoOnAfterRedisForgetsTheScript() {
        redis.scriptFlush();
        String id = UUID.randomUUID().toString();
        assertThat(store.write(List.of(checkpoint(id, 0, 3)))).containsExactly(SessionStore.Outcome.WRITTEN);
        redis.scriptFlush();
        assertThat(store.write(List.of(checkpoint(id, 0, 4)))).containsExactly(SessionStore.Outcome.WRITTEN);
        assertThat(store.take(id, 2).orElseThrow().cuts()).extracting(Cut::seq).containsExactly(4L, 3L);
    }
}
