package io.concord.common.model;

/** The channel types Concord creates (Discord's numbering). */
public final class ChannelType {
    public static final int GUILD_TEXT = 0;
    public static final int DM = 1;
    public static final int GUILD_CATEGORY = 4;
    public static final int GROUP_DM = 3;

    private ChannelType() {}
}
