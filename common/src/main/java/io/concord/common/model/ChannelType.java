package io.concord.common.model;

/** The channel types Concord creates (Discord's numbering). */
public final class ChannelType {
    public static final int GUILD_TEXT = 0;
    public static final int DM = 1;
    public static final int GUILD_VOICE = 2;
    public static final int GROUP_DM = 3;
    public static final int GUILD_CATEGORY = 4;
    public static final int GUILD_ANNOUNCEMENT = 5;

    private ChannelType() {}

    /** Text and announcement channels carry messages, topics and slowmode. */
    public static boolean isText(int type) {
        return type == GUILD_TEXT || type == GUILD_ANNOUNCEMENT;
    }
}
