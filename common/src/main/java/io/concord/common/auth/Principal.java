package io.concord.common.auth;

/**
 * Who is calling: a user, the device session the access token belongs to (0 for a bot token), and
 * whether the user is a bot (bots get the per-bot global rate limit and the MESSAGE_CONTENT rules).
 */
public record Principal(long userId, long sessionId, boolean bot) {
    public Principal(long userId, long sessionId) {
        this(userId, sessionId, false);
    }
}
