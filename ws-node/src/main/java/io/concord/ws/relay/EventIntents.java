package io.concord.ws.relay;

import io.concord.ws.session.Intents;

/** Which intent a guild event needs (Discord's intent table); 0 for events every session gets. */
final class EventIntents {
    private EventIntents() {}

    static long required(String type) {
        if (type.startsWith("GUILD_MEMBER_")) return Intents.GUILD_MEMBERS;
        if (type.startsWith("GUILD_ROLE_") || type.startsWith("CHANNEL_") || type.startsWith("THREAD_")) return Intents.GUILDS;
        if (type.startsWith("MESSAGE_REACTION_")) return Intents.GUILD_MESSAGE_REACTIONS;
        return switch (type) {
            case "MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE", "MESSAGE_DELETE_BULK" -> Intents.GUILD_MESSAGES;
            case "TYPING_START" -> Intents.GUILD_MESSAGE_TYPING;
            case "INVITE_CREATE", "INVITE_DELETE" -> Intents.GUILD_INVITES;
            case "GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE" -> Intents.GUILDS;
            default -> 0;
        };
    }
}
