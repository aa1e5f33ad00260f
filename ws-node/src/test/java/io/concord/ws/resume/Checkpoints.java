package io.concord.ws.resume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import redis.clients.jedis.RedisClient;

/** Waits for a node's checkpoint flusher (about once a second) to cover a session's sequence. */
final class Checkpoints {
    private Checkpoints() {}

    static void awaitAtLeast(RedisClient redis, String sessionId, long seq) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            String cuts = redis.hget(SessionStore.key(sessionId), "cuts");
            if (cuts != null && Long.parseLong(cuts.substring(0, cuts.indexOf('|'))) >= seq) return;
            assertThat(System.nanoTime()).as("a checkpoint of session %s at %s or later", sessionId, seq).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
