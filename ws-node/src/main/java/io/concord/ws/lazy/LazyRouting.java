package io.concord.ws.lazy;

import io.concord.common.event.GuildEvent;
import io.concord.ws.session.GatewaySession;
import java.util.List;
import java.util.Optional;

/**
 * What live routing ({@code relay.EventRouter}) asks and tells the large-guild machinery, under the
 * routing lock. The defaults are a node without large-guild mode.
 */
public interface LazyRouting {
    LazyRouting NONE = new LazyRouting() {};

    /** The session receives this guild read-on-demand (a user session that got it as a large guild). */
    default boolean readOnDemand(GatewaySession s, long guildId) {
        return false;
    }

    /** The session subscribed to the channel with op 14/37. */
    default boolean subscribed(GatewaySession s, long guildId, long channelId) {
        return false;
    }

    /** A message the read-on-demand session was not sent: hint it later. */
    default void unread(GatewaySession s, long guildId, long channelId, long messageId) {}

    /** The session got the guild's GUILD_CREATE. */
    default void received(GatewaySession s, long guildId, boolean readOnDemand) {}

    /** The session stopped receiving the guild. */
    default void guildRemoved(GatewaySession s, long guildId) {}

    /** An event was routed (after every session got its dispatches): member lists follow it. */
    default void routed(GuildEvent event) {}

    /**
     * The first {@code limit} online members of the guild by user id, when this node holds its member
     * list (a session subscribed to it): a large guild's GUILD_CREATE then needs no pass over the
     * whole member table. Empty when the list is not held.
     */
    default Optional<List<Long>> onlineIfHeld(long guildId, int limit) {
        return Optional.empty();
    }
}
