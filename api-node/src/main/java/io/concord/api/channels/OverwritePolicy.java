package io.concord.api.channels;

import io.concord.common.error.MissingPermissions;
import io.concord.common.error.NotFound;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.model.Role;
import io.concord.common.permission.GuildAccess.MemberAccess;
import io.concord.common.permission.Hierarchy;
import io.concord.common.permission.Overwrite;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may write which overwrites. Discord's rule: without ownership or ADMINISTRATOR you may only
 * allow or deny permissions you hold yourself (in the channel, or in the guild for a new channel);
 * a role overwrite must name a role of the guild (10011) and a member overwrite a member (10007).
 */
final class OverwritePolicy {
    private final GuildRepository guilds;
    private final MemberRepository members;

    OverwritePolicy(GuildRepository guilds, MemberRepository members) {
        this.guilds = guilds;
        this.members = members;
    }

    /** 403 50013 unless the actor holds every bit the overwrites allow or deny (owner and admins always may). */
    void requireGrantable(long guildId, long ownerId, MemberAccess actor, long actorPermissions, Collection<Overwrite> overwrites) {
        Hierarchy hierarchy = Hierarchy.of(guildId, ownerId, List.of());
        for (Overwrite ow : overwrites) {
            if (!hierarchy.canGrant(actor, actorPermissions, ow.allow() | ow.deny())) throw new MissingPermissions();
        }
    }

    /** 404 10011 / 10007 unless every overwrite names a role of the guild or a member of it. */
    void requireTargets(long guildId, Collection<Overwrite> overwrites) {
        if (overwrites.isEmpty()) return;
        Set<Long> roleIds = guilds.roles(guildId).stream().map(Role::id).collect(Collectors.toSet());
        for (Overwrite ow : overwrites) {
            if (ow.type() == Overwrite.ROLE && !roleIds.contains(ow.id())) throw new NotFound(NotFound.Resource.ROLE);
            if (ow.type() == Overwrite.MEMBER && !members.isMember(guildId, ow.id())) throw new NotFound(NotFound.Resource.MEMBER);
        }
    }
}
