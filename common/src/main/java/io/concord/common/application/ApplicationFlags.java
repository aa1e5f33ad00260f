package io.concord.common.application;

/**
 * Application flags that gate the privileged gateway intents. An application may identify with a
 * privileged intent when it holds either the approved flag or the "limited" one (the one Discord
 * grants to unverified bots in fewer than 100 guilds, and the one Concord gives every new bot).
 */
public final class ApplicationFlags {
    public static final int GATEWAY_PRESENCE = 1 << 12;
    public static final int GATEWAY_PRESENCE_LIMITED = 1 << 13;
    public static final int GATEWAY_GUILD_MEMBERS = 1 << 14;
    public static final int GATEWAY_GUILD_MEMBERS_LIMITED = 1 << 15;
    public static final int GATEWAY_MESSAGE_CONTENT = 1 << 18;
    public static final int GATEWAY_MESSAGE_CONTENT_LIMITED = 1 << 19;

    /** What a new application gets, and the only flags an owner may toggle. */
    public static final int EDITABLE = GATEWAY_PRESENCE_LIMITED | GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED;
    public static final int DEFAULT = EDITABLE;

    /** The privileged gateway intents. */
    public static final long INTENT_GUILD_MEMBERS = 1L << 1;
    public static final long INTENT_GUILD_PRESENCES = 1L << 8;
    public static final long INTENT_MESSAGE_CONTENT = 1L << 15;

    private ApplicationFlags() {}

    /** The privileged intents among {@code intents} that an application with {@code flags} may not use; 0 when all are allowed. */
    public static long disallowedIntents(int flags, long intents) {
        long disallowed = 0;
        if (!has(flags, GATEWAY_GUILD_MEMBERS | GATEWAY_GUILD_MEMBERS_LIMITED)) disallowed |= INTENT_GUILD_MEMBERS;
        if (!has(flags, GATEWAY_PRESENCE | GATEWAY_PRESENCE_LIMITED)) disallowed |= INTENT_GUILD_PRESENCES;
        if (!has(flags, GATEWAY_MESSAGE_CONTENT | GATEWAY_MESSAGE_CONTENT_LIMITED)) disallowed |= INTENT_MESSAGE_CONTENT;
        return intents & disallowed;
    }

    private static boolean has(int flags, int anyOf) {
        return (flags & anyOf) != 0;
    }
}
