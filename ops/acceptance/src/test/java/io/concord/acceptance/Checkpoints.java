package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.resume.SessionStore;
import java.time.Duration;
import redis.clients.jedis.RedisClient;

/** Waits for a ws-node's checkpoint of a session (written about once a second) to cover a seq. */
final class Checkpoints {
    private Checkpoints() {}

    static void awaitAtLeast(RedisClient redis, String sessionId, long seq) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            String cuts = redis.hget(SessionStore.key(sessionId), "cuts");
            if (cuts != null && Long.parseLong(cuts.substring(0, cuts.indexOf('|'))) >= seq) return;
            assertThat(System.nanoTime()).as("a checkpoint of session " + sessionId + " at seq " + seq).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
