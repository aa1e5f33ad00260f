package io.concord.api.roles;

import io.concord.common.error.InvalidForm;
import io.concord.common.error.NotFound;
import io.concord.common.model.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a role reorder: every role but @everyone renumbered 1..n, the moved ones placed by
 * their requested positions, the others keeping their relative order.
 */
record RolePositions(List<Role> all, List<Role> changed, Map<Long, Integer> positions) {

    record Move(long roleId, int position) {}

    static RolePositions plan(long guildId, List<Role> roles, List<Move> moves) {
        Map<Long, Role> byId = new HashMap<>();
        roles.forEach(r -> byId.put(r.id(), r));
        for (int i = 0; i < moves.size(); i++) {
            Move m = moves.get(i);
            if (!byId.containsKey(m.roleId())) throw new NotFound(NotFound.Resource.ROLE);
            if (m.roleId() == guildId) throw InvalidForm.of(i + ".id", "ROLE_IMMOVABLE", "The @everyone role cannot be moved.");
        }
        // Bottom to top: by requested position for the moved roles, current position for the others; a
        // moved role takes the position it asked for, pushing a role already there the way it came from.
        Map<Long, Integer> requested = new HashMap<>();
        moves.forEach(m -> requested.put(m.roleId(), m.position()));
        Comparator<Role> rank = Comparator.<Role>comparingInt(r -> requested.getOrDefault(r.id(), r.position()))
                .thenComparingInt(r -> !requested.containsKey(r.id()) ? 0 : requested.get(r.id()) > r.position() ? 1 : -1)
                .thenComparing(Role::id, Comparator.reverseOrder());
        List<Role> order = roles.stream().filter(r -> r.id() != guildId).sorted(rank).toList();
        List<Role> all = new ArrayList<>();
        List<Role> changed = new ArrayList<>();
        Map<Long, Integer> positions = new HashMap<>();
        byId.values().stream().filter(r -> r.id() == guildId).findFirst().ifPresent(all::add);
        for (int i = 0; i < order.size(); i++) {
            Role r = order.get(i);
            Role moved = r.withPosition(i + 1);
            all.add(moved);
            if (moved.position() != r.position()) {
                changed.add(moved);
                positions.put(r.id(), moved.position());
            }
        }
        return new RolePositions(List.copyOf(all), List.copyOf(changed), Map.copyOf(positions));
    }
}
