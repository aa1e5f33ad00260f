package io.concord.ws.lazy;

import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import io.concord.common.permission.Overwrite;
import io.concord.common.permission.Permission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * One guild's members as this node's member lists need them (every member, with presence), its
 * roles' hoist and position, and the lists of its channels that some local session subscribed to.
 * One per guild per node, shared by every session; guarded by the routing lock.
 */
final class GuildMembers implements MemberList.Guild {
    record RoleInfo(long id, int position, boolean hoist) {}

    /** A list and the sessions attached to it, with their ranges. */
    static final class Held {
        final MemberList list;
        final Map<LiveSession, List<Range>> subscribers = new LinkedHashMap<>();

        Held(MemberList list) {
            this.list = list;
        }
    }

    final long guildId;
    final Map<Long, ListMember> members;
    private final Map<Long, RoleInfo> roles = new HashMap<>();
    private List<Long> hoisted = List.of();
    private final LongFunction<Optional<GuildAccess>> access;
    final Map<String, Held> lists = new LinkedHashMap<>();
    /** Local sessions with subscriptions in this guild. */
    final Set<LiveSession> sessions = new LinkedHashSet<>();

    GuildMembers(long guildId, Map<Long, ListMember> members, Collection<RoleInfo> roles, LongFunction<Optional<GuildAccess>> access) {
        this.guildId = guildId;
        this.members = members;
        this.access = access;
        roles.forEach(r -> this.roles.put(r.id(), r));
        orderRoles();
    }

    Optional<GuildAccess> access() {
        return access.apply(guildId);
    }

    void putRole(RoleInfo role) {
        roles.put(role.id(), role);
        orderRoles();
    }

    void removeRole(long roleId) {
        roles.remove(roleId);
        orderRoles();
        members.replaceAll((id, m) -> m.withoutRole(roleId));
    }

    private void orderRoles() {
        List<RoleInfo> h = new ArrayList<>(roles.values().stream().filter(r -> r.hoist() && r.id() != guildId).toList());
        // Highest first: greater position, ties to the lower id (the role hierarchy's order).
        h.sort((a, b) -> a.position() != b.position() ? Integer.compare(b.position(), a.position()) : Long.compareUnsigned(a.id(), b.id()));
        hoisted = h.stream().map(RoleInfo::id).toList();
    }

    @Override
    public List<Long> hoisted() {
        return hoisted;
    }

    @Override
    public long groupOf(ListMember m) {
        if (!m.online()) return MemberList.OFFLINE;
        long best = MemberList.ONLINE;
        int bestRank = Integer.MAX_VALUE;
        for (long r : m.roles) {
            int rank = hoisted.indexOf(r);
            if (rank >= 0 && rank < bestRank) {
                bestRank = rank;
                best = r;
            }
        }
        return best;
    }

    @Override
    public boolean canView(ListMember m, List<Overwrite> overwrites) {
        Optional<GuildAccess> a = access();
        if (a.isEmpty()) return false;
        long perms = a.get().channelPermissions(new MemberAccess(m.userId, m.roles), overwrites, Instant.EPOCH);
        return Permission.hasAll(perms, Permission.VIEW_CHANNEL);
    }

    /** The list for an id, built from the members when no session held it yet. */
    Held list(String id, List<Overwrite> overwrites) {
        return lists.computeIfAbsent(id, k -> {
            MemberList l = new MemberList(k, guildId, overwrites);
            l.rebuild(members.values(), this);
            return new Held(l);
        });
    }
}
