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
import redis.clients.jedis.resps.StreamEntry;
import tools.jackson.databind.JsonNode;

/**
 * Reads what the api-node appended to a guild's event stream {@code guild-events:{p}}, as the
 * fanout-worker and the ws-nodes would see it. Events are appended before the HTTP answer, so
 * reading right after a request sees them.
 */
final class GuildEvents implements AutoCloseable {
    private final RedisClient redis;
    private final EventStreams streams;

    GuildEvents() {
        StoreConfig stores = TestStack.stores();
        this.redis = Redis.connect(stores);
        this.streams = new EventStreams(redis, stores.guildPartitions(), 100_000);
    }

    /** A published event: its channel scope, the users it is addressed to and its parsed {@code d}. */
    record Event(String type, long guildId, long channelId, List<Long> userIds, JsonNode d) {
        static Event of(GuildEvent e) {
            return new Event(e.type(), e.guildId(), e.channelId(), e.userIds(), Json.parse(e.payload()));
        }
    }

    /** A position in the stream of a guild's partition: the events after it are the ones to come. */
    record Mark(long guildId, String stream, StreamEntryID last) {}

    /** Every event of {@code guildId} still in its stream, oldest first. */
    List<Event> of(String guildId) {
        long id = Long.parseLong(guildId);
        return redis.xrange(stream(id), (StreamEntryID) null, (StreamEntryID) null).stream()
                .map(e -> GuildEvent.fromFields(e.getFields()))
                .filter(e -> e.guildId() == id)
                .map(Event::of)
                .toList();
    }

    /** The events of {@code guildId} of one type, oldest first. */
    List<Event> of(String guildId, String type) {
        return of(guildId).stream().filter(e -> e.type().equals(type)).toList();
    }

    /** Marks the end of the stream of {@code guildId}'s partition ({@code "0"} for events outside any guild). */
    Mark mark(String guildId) {
        long id = Long.parseLong(guildId);
        String stream = stream(id);
        List<StreamEntry> last = redis.xrevrange(stream, (StreamEntryID) null, (StreamEntryID) null, 1);
        return new Mark(id, stream, last.isEmpty() ? new StreamEntryID(0, 0) : last.getFirst().getID());
    }

    /** The events of the marked guild appended since the mark, oldest first. */
    List<Event> since(Mark mark) {
        StreamEntryID from = new StreamEntryID(mark.last().getTime(), mark.last().getSequence() + 1);
        return redis.xrange(mark.stream(), from, (StreamEntryID) null, 10_000).stream()
                .map(e -> GuildEvent.fromFields(e.getFields()))
                .filter(e -> e.guildId() == mark.guildId())
                .map(Event::of)
                .toList();
    }

    List<Event> since(Mark mark, String type) {
        return since(mark).stream().filter(e -> e.type().equals(type)).toList();
    }

    private String stream(long guildId) {
        return EventStreams.guildStream(streams.partition(guildId));
    }

    @Override
    public void close() {
        redis.close();
    }
}
