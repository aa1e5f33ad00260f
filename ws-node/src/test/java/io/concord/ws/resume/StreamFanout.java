package io.concord.ws.resume;

import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.event.RelaySource;
import io.concord.common.routing.InterestRegistry;
import io.concord.common.test.TestStack;
import java.util.Map;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/**
 * The whole event path in one call, as an api-node and the fanout-worker (another module) run it:
 * append to the guild stream, then copy to the relay stream of every node interested at that
 * moment, with the {@code src} field.
 */
final class StreamFanout {
    private final RedisClient redis;
    private final EventStreams streams;
    private final InterestRegistry interests;

    StreamFanout(RedisClient redis) {
        this.redis = redis;
        this.streams = new EventStreams(redis, TestStack.stores().guildPartitions(), 100_000);
        this.interests = new InterestRegistry(redis);
    }

    int partition(long guildId) {
        return streams.partition(guildId);
    }

    int partitions() {
        return streams.partitions();
    }

    /** Returns the guild stream entry id. */
    synchronized StreamEntryID publish(GuildEvent event) {
        Appended appended = append(event);
        relay(appended);
        return appended.id();
    }

    /** An event in its guild stream that the fanout has not copied to any node yet. */
    record Appended(GuildEvent event, StreamEntryID id, Map<String, String> fields) {}

    /** Only the api-node's half: the fanout is behind and copies it later with {@link #relay}. */
    synchronized Appended append(GuildEvent event) {
        StreamEntryID id = streams.publish(event);
        Map<String, String> fields = event.toFields();
        fields.put(RelaySource.FIELD, new RelaySource(streams.partition(event.guildId()), id).encode());
        return new Appended(event, id, fields);
    }

    /** The fanout's half: a copy to every node interested now. */
    synchronized void relay(Appended appended) {
        for (int node : interests.nodesFor(appended.event().guildId(), appended.event().userIds())) {
            redis.xadd(InterestRegistry.relayStream(node), StreamEntryID.NEW_ENTRY, appended.fields());
        }
    }
}
