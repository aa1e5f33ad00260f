package io.concord.api.access;

import io.concord.common.guild.GuildRow;
import io.concord.common.model.Role;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import io.concord.common.permission.Hierarchy;
import java.util.List;
import java.util.Optional;

/**
 * A guild the caller is a member of, with their guild-level permissions and the guild's roles as
 * read for the check (so a route never reads them a second time).
 */
public record GuildContext(GuildRow guild, List<Role> roles, GuildAccess access, MemberAccess member, long permissions) {

    public Hierarchy hierarchy() {
        return Hierarchy.of(guild.id(), guild.ownerId(), roles);
    }

    public Optional<Role> role(long roleId) {
        return roles.stream().filter(r -> r.id() == roleId).findFirst();
    }
}
