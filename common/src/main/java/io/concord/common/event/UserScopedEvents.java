package io.concord.common.event;

import java.util.Set;

/**
 * Events published on a guild's stream (so they keep the guild's order and reach its consumers, e.g.
 * the readstate-worker) that belong to the users they name only: MESSAGE_ACK. The fanout relays them
 * only to those users' nodes and the ws-node delivers them only to those users' sessions.
 */
public final class UserScopedEvents {
    private static final Set<String> TYPES = Set.of("MESSAGE_ACK");

    private UserScopedEvents() {}

    public static boolean only(String type) {
        return TYPES.contains(type);
    }
}
