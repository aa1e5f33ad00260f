package io.concord.ws.session;

/**
 * The gateway intents a session asked for. User clients identify without an {@code intents} field
 * ({@link #UNDECLARED}) and get every event they may see, message content included, as Discord's
 * own client does; bots declare bits and get only the matching events.
 */
public record Intents(long bits, boolean declared) {
    public static final long GUILDS = 1L;
    public static final long GUILD_MEMBERS = 1L << 1;
    public static final long GUILD_MODERATION = 1L << 2;
    public static final long GUILD_EXPRESSIONS = 1L << 3;
    public static final long GUILD_WEBHOOKS = 1L << 5;
    public static final long GUILD_INVITES = 1L << 6;
    public static final long GUILD_VOICE_STATES = 1L << 7;
    public static final long GUILD_PRESENCES = 1L << 8;
    public static final long GUILD_MESSAGES = 1L << 9;
    public static final long GUILD_MESSAGE_REACTIONS = 1L << 10;
    public static final long GUILD_MESSAGE_TYPING = 1L << 11;
    public static final long DIRECT_MESSAGES = 1L << 12;
    public static final long DIRECT_MESSAGE_REACTIONS = 1L << 13;
    public static final long DIRECT_MESSAGE_TYPING = 1L << 14;
    public static final long MESSAGE_CONTENT = 1L << 15;
    public static final long GUILD_MESSAGE_POLLS = 1L << 24;
    public static final long DIRECT_MESSAGE_POLLS = 1L << 25;

    /** The 21 documented intents (bits 0..16, 20, 21, 24, 25). */
    public static final long KNOWN = 0x1FFFFL | (1L << 20) | (1L << 21) | (1L << 24) | (1L << 25);

    public static final Intents UNDECLARED = new Intents(0, false);

    /**
     * The last declared intents handed out: a node's sessions mostly come from a few clients that all
     * identify with the same bits, so they share one instance instead of one each (records compare
     * by value, so sharing changes nothing else).
     */
    private static volatile Intents lastDeclared = new Intents(0, true);

    public static Intents of(long bits) {
        Intents last = lastDeclared;
        if (last.bits == bits) return last;
        return lastDeclared = new Intents(bits, true);
    }

    public static boolean isKnown(long bits) {
        return bits >= 0 && (bits & ~KNOWN) == 0;
    }

    /** True when a session with these intents should get an event needing {@code required} (0: always). */
    public boolean allows(long required) {
        return !declared || required == 0 || (bits & required) != 0;
    }

    /** Whether message content, embeds, attachments, components and polls reach this session unblanked. */
    public boolean readsMessageContent() {
        return allows(MESSAGE_CONTENT);
    }
}
