package io.concord.common.error;

/** A user-only endpoint called with a bot token: 403 with Discord's code 20001. */
public final class BotsForbidden extends ApiException {
    public BotsForbidden() {
        super(403, 20001, "Bots cannot use this endpoint");
    }
}
