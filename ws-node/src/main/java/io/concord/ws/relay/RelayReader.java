package io.concord.ws.relay;

import io.concord.common.event.GuildEvent;
import io.concord.common.event.RelaySource;
import io.concord.common.routing.InterestRegistry;
import io.concord.ws.metrics.GatewayMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads this node's relay stream, where the fanout puts one copy of each event for the node, on one
 * virtual thread, and hands each event to the router in stream order, with the guild stream entry it
 * was copied from (which a resume elsewhere continues from). A restarted node has no
 * sessions to deliver old entries to, so it starts after the last entry present at start.
 */
public final class RelayReader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RelayReader.class);
    private static final int BLOCK_MS = 1000;
    private static final int BATCH = 500;
    /** The stream is trimmed at most this often: a trim per batch was a second round trip before every read. */
    private static final long TRIM_EVERY_NANOS = 1_000_000_000L;
    private final RedisClient redis;
    private final String stream;
    private final int nodeId;
    private final BiConsumer<GuildEvent, Optional<RelaySource>> router;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private volatile boolean running = true;
    private Thread thread;

    public RelayReader(RedisClient redis, int nodeId, BiConsumer<GuildEvent, Optional<RelaySource>> router, GatewayMetrics metrics,
                       Clock clock) {
        this.redis = redis;
        this.metrics = metrics;
        this.clock = clock;
        this.nodeId = nodeId;
        this.stream = InterestRegistry.relayStream(nodeId);
        this.router = router;
    }

    /**
     * Starts reading after the stream's current last entry. Taking that id now, rather than reading
     * from {@code $}, means nothing appended after start() returns can be missed.
     */
    public void start() {
        List<StreamEntry> last = redis.xrevrange(stream, "+", "-", 1);
        StreamEntryID from = last.isEmpty() ? new StreamEntryID(0, 0) : last.getFirst().getID();
        thread = Thread.ofVirtual().name("relay-reader-" + nodeId).start(() -> run(from));
    }

    private void run(StreamEntryID from) {
        MDC.put("node_id", Integer.toString(nodeId));
        StreamEntryID next = from;
        XReadParams params = XReadParams.xReadParams().block(BLOCK_MS).count(BATCH);
        long trimmedAt = System.nanoTime();
        while (running) {
            try {
                List<Map.Entry<String, List<StreamEntry>>> batch = redis.xread(params, Map.of(stream, next));
                if (batch == null || batch.isEmpty()) continue;
                for (StreamEntry entry : batch.getFirst().getValue()) {
                    next = entry.getID();
                    route(entry);
                }
                // Entries are read once and by this node only; keep the stream from growing.
                if (System.nanoTime() - trimmedAt >= TRIM_EVERY_NANOS) {
                    redis.xtrim(stream, XTrimParams.xTrimParams().minId(next.toString()).approximateTrimming());
                    trimmedAt = System.nanoTime();
                }
            } catch (RuntimeException e) {
                if (!running) break;
                log.warn("relay read failed, retrying: {}", e.toString());
                pause();
            }
        }
    }

    private void route(StreamEntry entry) {
        try {
            Optional<RelaySource> src = RelaySource.of(entry.getFields());
            // A guild stream entry's id starts with the time it was appended.
            src.ifPresent(s -> metrics.relayLag(clock.millis() - s.id().getTime()));
            long start = System.nanoTime();
            router.accept(GuildEvent.fromFields(entry.getFields()), src);
            metrics.routed(System.nanoTime() - start);
        } catch (RuntimeException e) {
            // One bad entry (or one failing lookup) must not stop delivery of the rest.
            log.error("could not route relay entry {}", entry.getID(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) thread.join(BLOCK_MS * 3L);
    }
}
