package io.concord.api;

import io.concord.common.config.StoreConfig;
import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.json.Json;
import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import tools.jackson.databind.JsonNode;

/** Reads back what the api-node published to a guild's event stream, as the ws-nodes would see it. */
final class GuildEventLog implements AutoCloseable {
    private final RedisClient redis;
    private final EventStreams streams;

    GuildEventLog() {
        StoreConfig stores = TestStack.stores();
        this.redis = Redis.connect(stores);
        this.streams = new EventStreams(redis, stores.guildPartitions(), 100_000);
    }

    /** A published event with its payload parsed. */
    record Event(String type, long guildId, long channelId, List<Long> userIds, JsonNode d) {}

    /** Every event of {@code guildId} still in its stream, oldest first. */
    List<Event> of(String guildId) {
        long id = Long.parseLong(guildId);
        return redis.xrange(EventStreams.guildStream(streams.partition(id)), (StreamEntryID) null, (StreamEntryID) null).stream()
                .map(e -> GuildEvent.fromFields(e.getFields()))
                .filter(e -> e.guildId() == id)
                .map(e -> new Event(e.type(), e.guildId(), e.channelId(), e.userIds(), Json.parse(e.payload())))
                .toList();
    }

    /** The events of {@code guildId} of one type, oldest first. */
    List<Event> of(String guildId, String type) {
        return of(guildId).stream().filter(e -> e.type().equals(type)).toList();
    }

    @Override
    public void close() {
        redis.close();
    }
}
