package io.concord.api;

import io.concord.common.config.StoreConfig;
import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.json.Json;
import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.resps.StreamEntry;
import tools.jackson.databind.JsonNode;

/** Reads what the api-node appended to a guild's event stream, as the fanout-worker would. */
final class GuildEvents implements AutoCloseable {
    private static final int RECENT = 5000;
    private final RedisClient redis;
    private final EventStreams streams;

    GuildEvents() {
        StoreConfig config = TestStack.stores();
        this.redis = Redis.connect(config);
        this.streams = new EventStreams(redis, config.guildPartitions(), RECENT);
    }

    /** One published event: its channel scope and its parsed {@code d}. */
    record Event(String type, long channelId, JsonNode d) {}

    /** The guild's events of {@code type}, oldest first. */
    List<Event> of(String guildId, String type) {
        long guild = Long.parseLong(guildId);
        List<StreamEntry> recent = redis.xrevrange(EventStreams.guildStream(streams.partition(guild)), "+", "-", RECENT);
        List<Event> out = new ArrayList<>();
        for (StreamEntry e : recent.reversed()) {
            GuildEvent event = GuildEvent.fromFields(e.getFields());
            if (event.guildId() == guild && event.type().equals(type)) out.add(new Event(type, event.channelId(), Json.parse(event.payload())));
        }
        return out;
    }

    @Override
    public void close() {
        redis.close();
    }
}
