package io.concord.common.auth;

/** Who is calling: a user and the device session the access token belongs to. */
public record Principal(long userId, long sessionId) {}
