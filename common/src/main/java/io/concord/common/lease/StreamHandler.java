package io.concord.common.lease;

import io.concord.common.event.GuildEvent;
import redis.clients.jedis.StreamEntryID;

/** Handles one event of a partition; returning normally means its effect is durable and it may be acknowledged. */
@FunctionalInterface
public interface StreamHandler {
    void handle(int partition, StreamEntryID id, GuildEvent event);
}
