package io.concord.api.access;

import io.concord.common.guild.GuildRow;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;

/** A guild the caller is a member of, with their guild-level permissions. */
public record GuildContext(GuildRow guild, GuildAccess access, MemberAccess member, long permissions) {}
