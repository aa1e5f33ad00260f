package io.concord.api.events;

import io.concord.common.error.ServiceUnavailable;
import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.json.Json;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends events to the guild streams, retrying a Redis blip a few times. When the stream stays
 * unreachable the request fails with 503, so the client knows to retry (a message already stored
 * remains readable through history, and a retried send with its nonce returns it).
 */
public final class EventPublisher {
    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
    private static final int ATTEMPTS = 3;
    private final EventStreams streams;

    public EventPublisher(EventStreams streams) {
        this.streams = streams;
    }

    public void publish(String type, long guildId, long channelId, List<Long> userIds, Object payload) {
        GuildEvent event = new GuildEvent(type, guildId, channelId, userIds, Json.write(payload));
        for (int attempt = 1; ; attempt++) {
            try {
                streams.publish(event);
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    log.error("could not publish {} for guild {}", type, guildId, e);
                    throw new ServiceUnavailable("Service temporarily unavailable, try again");
                }
                sleep(50L * attempt);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
