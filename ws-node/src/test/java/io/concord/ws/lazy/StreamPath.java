package io.concord.ws.lazy;

import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.event.RelaySource;
import io.concord.common.routing.InterestRegistry;
import io.concord.common.test.TestStack;
import java.util.Map;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/**
 * The event path an api-node and the fanout-worker (another module) make, in one call: append to the
 * guild stream, then copy to the relay stream of every node interested now, with the {@code src}
 * field, so a resume on another node can rebuild from the streams.
 */
final class StreamPath {
    private final RedisClient redis;
    private final EventStreams streams;
    private final InterestRegistry interests;

    StreamPath(RedisClient redis) {
        this.redis = redis;
        this.streams = new EventStreams(redis, TestStack.stores().guildPartitions(), 100_000);
        this.interests = new InterestRegistry(redis);
    }

    synchronized void publish(GuildEvent event) {
        StreamEntryID id = streams.publish(event);
        Map<String, String> fields = event.toFields();
        fields.put(RelaySource.FIELD, new RelaySource(streams.partition(event.guildId()), id).encode());
        for (int node : interests.nodesFor(event.guildId(), event.userIds())) {
            redis.xadd(InterestRegistry.relayStream(node), StreamEntryID.NEW_ENTRY, fields);
        }
    }
}
