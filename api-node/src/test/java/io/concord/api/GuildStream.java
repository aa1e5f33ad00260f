package io.concord.api;

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
 * Reads what an api-node appended to a guild's event stream, {@code guild-events:{p}}. Events are
 * appended before the HTTP answer, so reading right after a request sees them.
 */
final class GuildStream implements AutoCloseable {
    private final RedisClient redis = Redis.connect(TestStack.stores());
    private final EventStreams streams = new EventStreams(redis, TestStack.stores().guildPartitions(), 100_000);

    /** A position in the stream of {@code guildId}'s partition: events after it are the ones to come. */
    record Mark(long guildId, String stream, StreamEntryID last) {}

    Mark mark(String guildId) {
        long g = Long.parseLong(guildId);
        String stream = EventStreams.guildStream(streams.partition(g));
        List<StreamEntry> last = redis.xrevrange(stream, (StreamEntryID) null, (StreamEntryID) null, 1);
        return new Mark(g, stream, last.isEmpty() ? new StreamEntryID(0, 0) : last.getFirst().getID());
    }

    /** The events of that guild appended since the mark, oldest first. */
    List<GuildEvent> since(Mark mark) {
        StreamEntryID from = new StreamEntryID(mark.last().getTime(), mark.last().getSequence() + 1);
        return redis.xrange(mark.stream(), from, (StreamEntryID) null, 10_000).stream()
                .map(e -> GuildEvent.fromFields(e.getFields()))
                .filter(e -> e.guildId() == mark.guildId())
                .toList();
    }

    List<GuildEvent> since(Mark mark, String type) {
        return since(mark).stream().filter(e -> e.type().equals(type)).toList();
    }

    static JsonNode payload(GuildEvent e) {
        return Json.parse(e.payload());
    }

    @Override
    public void close() {
        redis.close();
    }
}
