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
}
