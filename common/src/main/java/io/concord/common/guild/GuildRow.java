package io.concord.common.guild;

/** A stored guild's own columns. */
public record GuildRow(long id, String name, long ownerId, Long systemChannelId) {}
