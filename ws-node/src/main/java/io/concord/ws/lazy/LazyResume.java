package io.concord.ws.lazy;

import io.concord.ws.session.Dispatch;
import io.concord.ws.session.GatewaySession;
import java.util.List;

/**
 * What checkpoints and resumes ({@code resume} package) carry of a session's large-guild state. The
 * defaults are a node without large-guild mode.
 */
public interface LazyResume {
    LazyResume NONE = new LazyResume() {};

    /** Under the routing lock: the session's {@link LazyState}, encoded, for its next cut. */
    default String checkpoint(GatewaySession s) {
        return "";
    }

    /**
     * A session resumed from another node takes over the state its rebuild ended with: read-on-demand
     * guilds and subscriptions replace what is here, unread hints add up. Called before the session
     * is registered (so live routing decides as the rebuild did) and again once the rebuild is done.
     */
    default void adopt(GatewaySession s, LazyState rebuilt) {}

    /** Outside any lock, before {@link #resumed}: reads the guilds the session's lists need. */
    default void prepare(GatewaySession s) {}

    /**
     * Under the routing lock, right after RESUMED of a session rebuilt from the streams: the dispatches
     * that bring its member lists back (a SYNC of every subscribed range), sent numbered after RESUMED.
     */
    default List<Dispatch> resumed(GatewaySession s) {
        return List.of();
    }

    /** A resume that adopted state gave up before the session was registered. */
    default void forget(GatewaySession s) {}
}
