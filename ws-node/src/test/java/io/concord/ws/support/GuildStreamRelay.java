package io.concord.ws.support;

import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.routing.InterestRegistry;
import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The fanout-worker's job in ws-node tests (it is another module): events a node publishes to the
 * guild streams (presences) are copied to the relay stream of every node with interest in them.
 * Starts after the streams' current ends, so only what the test causes is relayed.
 */
public final class GuildStreamRelay implements AutoCloseable {
    private final RedisClient redis = Redis.connect(TestStack.stores());
    private final InterestRegistry interests = new InterestRegistry(redis);
    private final Map<String, StreamEntryID> positions = new HashMap<>();
    private volatile boolean running = true;
    private final Thread thread;

    public GuildStreamRelay() {
        int partitions = TestStack.stores().guildPartitions();
        for (int p = 0; p < partitions; p++) {
            String stream = EventStreams.guildStream(p);
            List<StreamEntry> last = redis.xrevrange(stream, "+", "-", 1);
            positions.put(stream, last.isEmpty() ? new StreamEntryID(0, 0) : last.getFirst().getID());
        }
        thread = Thread.ofVirtual().name("test-guild-relay").start(this::run);
    }

    private void run() {
        XReadParams params = XReadParams.xReadParams().block(200).count(100);
        while (running) {
            try {
                List<Map.Entry<String, List<StreamEntry>>> batch = redis.xread(params, positions);
                if (batch == null) continue;
                for (Map.Entry<String, List<StreamEntry>> stream : batch) {
                    for (StreamEntry entry : stream.getValue()) {
                        positions.put(stream.getKey(), entry.getID());
                        GuildEvent event = GuildEvent.fromFields(entry.getFields());
                        for (int node : interests.nodesFor(event.guildId(), event.userIds())) {
                            redis.xadd(InterestRegistry.relayStream(node), StreamEntryID.NEW_ENTRY, event.toFields());
                        }
                    }
                }
            } catch (RuntimeException e) {
                if (!running) return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2_000);
        redis.close();
    }
}
