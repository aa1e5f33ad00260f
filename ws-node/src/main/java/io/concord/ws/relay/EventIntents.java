package io.concord.ws.relay;

import io.concord.ws.session.Intents;

/** Which intent a guild event needs (Discord's intent table); 0 for events every session gets (USER_UPDATE, acks). */
final class EventIntents {
    private EventIntents() {}

    /** For an event of a DM channel (no guild): the DIRECT_MESSAGE_* intents instead of the GUILD_MESSAGE_* ones. */
    static long required(String type, boolean dm) {
        if (!dm) return required(type);
        if (type.startsWith("MESSAGE_REACTION_")) return Intents.DIRECT_MESSAGE_REACTIONS;
        if (type.startsWith("MESSAGE_POLL_VOTE_")) return Intents.DIRECT_MESSAGE_POLLS;
        if (type.startsWith("MESSAGE_")) return Intents.DIRECT_MESSAGES;
        if (type.equals("TYPING_START")) return Intents.DIRECT_MESSAGE_TYPING;
        // A DM's own changes (CHANNEL_CREATE/UPDATE/DELETE, CHANNEL_RECIPIENT_ADD/REMOVE): no intent, as on Discord.
        if (type.startsWith("CHANNEL_")) return 0;
        return required(type);
    }

    static long required(String type) {
        if (type.startsWith("GUILD_MEMBER_")) return Intents.GUILD_MEMBERS;
        if (type.startsWith("GUILD_ROLE_") || type.startsWith("CHANNEL_") || type.startsWith("THREAD_")) return Intents.GUILDS;
        if (type.startsWith("MESSAGE_REACTION_")) return Intents.GUILD_MESSAGE_REACTIONS;
        if (type.startsWith("MESSAGE_POLL_VOTE_")) return Intents.GUILD_MESSAGE_POLLS;
        return switch (type) {
            case "MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE", "MESSAGE_DELETE_BULK" -> Intents.GUILD_MESSAGES;
            case "TYPING_START" -> Intents.GUILD_MESSAGE_TYPING;
            case "INVITE_CREATE", "INVITE_DELETE" -> Intents.GUILD_INVITES;
            case "GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE" -> Intents.GUILDS;
            case "GUILD_BAN_ADD", "GUILD_BAN_REMOVE", "GUILD_AUDIT_LOG_ENTRY_CREATE" -> Intents.GUILD_MODERATION;
            case "GUILD_EMOJIS_UPDATE", "GUILD_STICKERS_UPDATE" -> Intents.GUILD_EXPRESSIONS;
            case "WEBHOOKS_UPDATE" -> Intents.GUILD_WEBHOOKS;
            case "VOICE_STATE_UPDATE" -> Intents.GUILD_VOICE_STATES;
            case "PRESENCE_UPDATE" -> Intents.GUILD_PRESENCES;
            default -> 0;
        };
    }
}
