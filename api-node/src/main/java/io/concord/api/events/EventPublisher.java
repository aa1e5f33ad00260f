package io.concord.api.events;

import io.concord.common.error.ServiceUnavailable;
import io.concord.common.event.EventStreams;
import io.concord.common.event.GuildEvent;
import io.concord.common.json.Json;
import java.util.List;
import java.util.function.LongFunction;
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
    private final LongFunction<List<Long>> dmRecipients;

    public EventPublisher(EventStreams streams) {
        this(streams, c -> List.of());
    }

    /**
     * {@code dmRecipients}: the recipients of a DM channel. An event of a DM channel (guild 0, a
     * channel id) that names no users is for every recipient: the message, reaction, typing and pin
     * paths publish DM events exactly as guild ones and this names the recipients for them.
     */
    public EventPublisher(EventStreams streams, LongFunction<List<Long>> dmRecipients) {
        this.streams = streams;
        this.dmRecipients = dmRecipients;
    }

    public void publish(String type, long guildId, long channelId, List<Long> userIds, Object payload) {
        if (guildId == 0 && channelId != 0 && userIds.isEmpty()) userIds = dmRecipients.apply(channelId);
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
