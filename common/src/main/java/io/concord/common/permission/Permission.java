package io.concord.common.permission;

/** Discord's permission bits (API v10). Stored as signed longs, sent as unsigned decimal strings. */
public final class Permission {
    public static final long CREATE_INSTANT_INVITE = 1L;
    public static final long KICK_MEMBERS = 1L << 1;
    public static final long BAN_MEMBERS = 1L << 2;
    public static final long ADMINISTRATOR = 1L << 3;
    public static final long MANAGE_CHANNELS = 1L << 4;
    public static final long MANAGE_GUILD = 1L << 5;
    public static final long ADD_REACTIONS = 1L << 6;
    public static final long VIEW_AUDIT_LOG = 1L << 7;
    public static final long PRIORITY_SPEAKER = 1L << 8;
    public static final long STREAM = 1L << 9;
    public static final long VIEW_CHANNEL = 1L << 10;
    public static final long SEND_MESSAGES = 1L << 11;
    public static final long SEND_TTS_MESSAGES = 1L << 12;
    public static final long MANAGE_MESSAGES = 1L << 13;
    public static final long EMBED_LINKS = 1L << 14;
    public static final long ATTACH_FILES = 1L << 15;
    public static final long READ_MESSAGE_HISTORY = 1L << 16;
    public static final long MENTION_EVERYONE = 1L << 17;
    public static final long USE_EXTERNAL_EMOJIS = 1L << 18;
    public static final long VIEW_GUILD_INSIGHTS = 1L << 19;
    public static final long CONNECT = 1L << 20;
    public static final long SPEAK = 1L << 21;
    public static final long MUTE_MEMBERS = 1L << 22;
    public static final long DEAFEN_MEMBERS = 1L << 23;
    public static final long MOVE_MEMBERS = 1L << 24;
    public static final long USE_VAD = 1L << 25;
    public static final long CHANGE_NICKNAME = 1L << 26;
    public static final long MANAGE_NICKNAMES = 1L << 27;
    public static final long MANAGE_ROLES = 1L << 28;
    public static final long MANAGE_WEBHOOKS = 1L << 29;
    public static final long MANAGE_GUILD_EXPRESSIONS = 1L << 30;
    public static final long USE_APPLICATION_COMMANDS = 1L << 31;
    public static final long REQUEST_TO_SPEAK = 1L << 32;
    public static final long MANAGE_EVENTS = 1L << 33;
    public static final long MANAGE_THREADS = 1L << 34;
    public static final long CREATE_PUBLIC_THREADS = 1L << 35;
    public static final long CREATE_PRIVATE_THREADS = 1L << 36;
    public static final long USE_EXTERNAL_STICKERS = 1L << 37;
    public static final long SEND_MESSAGES_IN_THREADS = 1L << 38;
    public static final long USE_EMBEDDED_ACTIVITIES = 1L << 39;
    public static final long MODERATE_MEMBERS = 1L << 40;
    public static final long VIEW_CREATOR_MONETIZATION_ANALYTICS = 1L << 41;
    public static final long USE_SOUNDBOARD = 1L << 42;
    public static final long CREATE_GUILD_EXPRESSIONS = 1L << 43;
    public static final long CREATE_EVENTS = 1L << 44;
    public static final long USE_EXTERNAL_SOUNDS = 1L << 45;
    public static final long SEND_VOICE_MESSAGES = 1L << 46;
    public static final long SET_VOICE_CHANNEL_STATUS = 1L << 48;
    public static final long SEND_POLLS = 1L << 49;
    public static final long USE_EXTERNAL_APPS = 1L << 50;
    public static final long PIN_MESSAGES = 1L << 51;
    public static final long BYPASS_SLOWMODE = 1L << 52;

    /** Every documented bit: 0x001F7FFFFFFFFFFF (bit 47 is unused). */
    public static final long ALL = 0x001F7FFFFFFFFFFFL;

    /**
     * What @everyone gets in a new guild, Discord's default (the value its client shows for a fresh
     * guild's @everyone role).
     */
    public static final long DEFAULT_EVERYONE = CREATE_INSTANT_INVITE | ADD_REACTIONS | STREAM | VIEW_CHANNEL
            | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY | MENTION_EVERYONE
            | USE_EXTERNAL_EMOJIS | CONNECT | SPEAK | USE_VAD | CHANGE_NICKNAME | USE_APPLICATION_COMMANDS
            | REQUEST_TO_SPEAK | CREATE_PUBLIC_THREADS | CREATE_PRIVATE_THREADS | USE_EXTERNAL_STICKERS
            | SEND_MESSAGES_IN_THREADS | USE_EMBEDDED_ACTIVITIES | USE_SOUNDBOARD | CREATE_GUILD_EXPRESSIONS
            | CREATE_EVENTS | USE_EXTERNAL_SOUNDS | SEND_VOICE_MESSAGES | SEND_POLLS | USE_EXTERNAL_APPS;

    private Permission() {}

    /** True when every bit of {@code required} is in {@code granted}. */
    public static boolean hasAll(long granted, long required) {
        return (granted & required) == required;
    }
}
