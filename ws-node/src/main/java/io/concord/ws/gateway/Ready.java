package io.concord.ws.gateway;

import io.concord.common.application.ApplicationRow;
import io.concord.common.json.IdString;
import io.concord.common.user.UserRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The READY payload. JDA needs {@code private_channels} (without it the session id is never read,
 * so resume breaks) and lists {@code guilds} as unavailable until their GUILD_CREATE arrives.
 */
record Ready(
        int v,
        SelfUser user,
        List<UnavailableGuild> guilds,
        String sessionId,
        String resumeGatewayUrl,
        String sessionType,
        List<Object> privateChannels,
        List<Object> relationships,
        Map<String, Object> userSettings,
        Application application,
        Object readState) {

    /** With READY's versioned {@code read_state} (users only; null leaves it out). */
    Ready withReadState(Object versioned) {
        return new Ready(v, user, guilds, sessionId, resumeGatewayUrl, sessionType, privateChannels, relationships, userSettings,
                application, versioned);
    }

    /** With the user's DMs and group DMs in {@code private_channels}. */
    Ready withPrivateChannels(List<?> channels) {
        return new Ready(v, user, guilds, sessionId, resumeGatewayUrl, sessionType, List.copyOf(channels), relationships, userSettings,
                application, readState);
    }

    /** Bots only: JDA takes its application id from here (and falls back to the user id without it). */
    record Application(@IdString long id, int flags) {}

    record SelfUser(@IdString long id, String username, String discriminator, String globalName, String avatar,
                    Boolean bot, boolean verified, boolean mfaEnabled) {
        static SelfUser of(UserRow row) {
            return new SelfUser(row.id(), row.username(), "0", row.globalName(), null, row.bot() ? Boolean.TRUE : null, true, false);
        }
    }

    record UnavailableGuild(@IdString long id, boolean unavailable) {}

    static Ready of(UserRow user, List<Long> guildIds, String sessionId, String resumeGatewayUrl, Optional<ApplicationRow> application) {
        return new Ready(10, SelfUser.of(user), guildIds.stream().map(g -> new UnavailableGuild(g, true)).toList(),
                sessionId, resumeGatewayUrl, "normal", List.of(), List.of(), Map.of(),
                application.map(a -> new Application(a.id(), a.flags())).orElse(null), null);
    }
}
