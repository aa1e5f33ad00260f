package io.concord.ws.relay;

import io.concord.ws.session.Dispatch;
import io.concord.ws.session.Intents;
import java.util.Collection;

/**
 * Who {@link EventRules} routes to and where the dispatches go: the node's live sessions, or the
 * one session a resume rebuilds from the guild streams.
 */
public interface Audience<S> {
    Collection<S> inGuild(long guildId);

    Collection<S> ofUser(long userId);

    long userId(S s);

    Intents intents(S s);

    boolean receives(S s, long guildId);

    boolean isReady(S s);

    int largeThreshold(S s);

    void send(S s, Dispatch d);

    /** The session starts receiving the guild; false if it already did. */
    boolean addGuild(S s, long guildId);

    void removeGuild(S s, long guildId);

    // Large guilds (docs/design/large-guilds.md). The defaults: no session receives any guild read-on-demand.

    /** The session receives the guild read-on-demand: channel events only for subscribed channels and mentions. */
    default boolean readOnDemand(S s, long guildId) {
        return false;
    }

    /** The session subscribed to the channel (op 14/37). */
    default boolean subscribed(S s, long guildId, long channelId) {
        return false;
    }

    /** A MESSAGE_CREATE withheld from a read-on-demand session: it gets an unread hint instead. */
    default void unread(S s, long guildId, long channelId, long messageId) {}

    /** The session was sent the guild's GUILD_CREATE (on a join), read-on-demand or not. */
    default void received(S s, long guildId, boolean readOnDemand) {}
}
