package io.concord.ws.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.json.Json;
import io.concord.common.permission.Overwrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The member list's incremental ops, without servers: random joins, leaves, presence, role and nickname
 * changes, each applied to the list and to clients holding different ranges; after every change each
 * client's copy must equal the list (a fresh SYNC of its ranges), and the list must equal one
 * recomputed from scratch.
 */
class MemberListOpsTest {
    private static final long GUILD = 1000;
    private static final long HIDDEN_ROLE = 7;
    private static final List<Long> ROLES = List.of(11L, 12L, 13L, HIDDEN_ROLE);

    /** Roles 11 (position 3) and 12 (position 3, ties to the lower id) and 13 (position 1) are hoisted; holders of 7 cannot view. */
    private static final class FakeGuild implements MemberList.Guild {
        @Override
        public long groupOf(ListMember m) {
            if (!m.online()) return MemberList.OFFLINE;
            for (long r : hoisted()) if (m.roles.contains(r)) return r;
            return MemberList.ONLINE;
        }

        @Override
        public List<Long> hoisted() {
            return List.of(11L, 12L, 13L);
        }

        @Override
        public boolean canView(ListMember m, List<Overwrite> overwrites) {
            return !m.roles.contains(HIDDEN_ROLE);
        }
    }

    private record Client(ListClient copy, List<Range> ranges) {}

    @Test
    void clientsApplyingEveryOpStayEqualToTheListAndTheListToARecomputation() {
        for (long seed = 1; seed <= 40; seed++) run(seed);
    }

    private void run(long seed) {
        Random random = new Random(seed);
        FakeGuild guild = new FakeGuild();
        Map<Long, ListMember> members = new HashMap<>();
        for (long u = 1; u <= 12; u++) members.put(u, member(u, random));
        MemberList list = new MemberList("everyone", GUILD, List.of());
        list.rebuild(members.values(), guild);
        List<Client> clients = List.of(
                client(list, new Range(0, 4)),
                client(list, new Range(3, 9)),
                client(list, new Range(5, 7), new Range(12, 16)),
                client(list, new Range(0, 6), new Range(7, 13)),
                client(list, new Range(20, 29)));
        for (int step = 0; step < 300; step++) {
            long user = 1 + random.nextInt(18);
            ListMember before = members.get(user);
            ListMember after = random.nextInt(6) == 0 ? null : member(user, random);
            if (after == null) members.remove(user);
            else members.put(user, after);
            list.move(before, after, after != null && guild.canView(after, List.of()), guild, new MemberList.Sink() {
                @Override
                public void deleted(int index) {
                    WindowOps.Step s = new WindowOps.Step(list);
                    clients.forEach(c -> WindowOps.deleted(index, c.ranges(), s, op -> c.copy().apply(Json.parse(op).path("op").asString(), Json.parse(op))));
                }

                @Override
                public void inserted(int index) {
                    WindowOps.Step s = new WindowOps.Step(list);
                    String insert = s.insert(index);
                    clients.forEach(c -> WindowOps.inserted(index, insert, c.ranges(), s, op -> c.copy().apply(Json.parse(op).path("op").asString(), Json.parse(op))));
                }

                @Override
                public void updated(int index) {
                    WindowOps.Step s = new WindowOps.Step(list);
                    clients.forEach(c -> WindowOps.updated(index, c.ranges(), s, op -> c.copy().apply(Json.parse(op).path("op").asString(), Json.parse(op))));
                }
            });
            List<String> whole = items(list);
            MemberList fresh = new MemberList("everyone", GUILD, List.of());
            fresh.rebuild(members.values(), guild);
            assertThat(whole).as("seed %d step %d: the list against a recomputation", seed, step).isEqualTo(items(fresh));
            assertThat(list.groupsJson()).isEqualTo(fresh.groupsJson());
            assertThat(list.memberCount()).isEqualTo(fresh.memberCount());
            assertThat(list.onlineCount()).isEqualTo(fresh.onlineCount());
            for (Client c : clients) {
                assertThat(c.copy().items()).as("seed %d step %d: client %s", seed, step, c.ranges()).isEqualTo(c.copy().expected(whole));
            }
        }
    }

    @Test
    void groupsAreHoistedRolesByPositionThenOnlineThenOfflineEachByDisplayName() {
        FakeGuild guild = new FakeGuild();
        List<ListMember> all = List.of(
                fixed(1, "zed", Set.of(12L), true), fixed(2, "Amy", Set.of(11L, 12L), true), fixed(3, "bob", Set.of(), true),
                fixed(4, "al", Set.of(13L), false), fixed(5, "Al", Set.of(), false), fixed(6, "carl", Set.of(HIDDEN_ROLE), true));
        MemberList list = new MemberList("everyone", GUILD, List.of());
        list.rebuild(all, guild);
        List<String> order = new ArrayList<>();
        for (String item : items(list)) {
            var node = Json.parse(item);
            order.add(node.has("group") ? "#" + node.path("group").path("id").asString() + ":" + node.path("group").path("count").asInt()
                    : node.path("member").path("nick").asString());
        }
        // "Al" < "al" exactly, as the names are equal ignoring case.
        assertThat(order).containsExactly("#11:1", "Amy", "#12:1", "zed", "#online:1", "bob", "#offline:2", "Al", "al");
        assertThat(list.memberCount()).isEqualTo(5);
        assertThat(list.onlineCount()).isEqualTo(3);
    }

    private static Client client(MemberList list, Range... ranges) {
        List<int[]> rs = new ArrayList<>();
        for (Range r : ranges) rs.add(new int[] {r.from(), r.to()});
        ListClient copy = new ListClient(rs);
        for (Range r : ranges) {
            String sync = list.sync(r);
            copy.apply("SYNC", Json.parse(sync));
        }
        return new Client(copy, List.of(ranges));
    }

    private static List<String> items(MemberList list) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) out.add(Json.write(Json.parse(list.item(i))));
        assertThat(list.item(list.size())).isNull();
        return out;
    }

    private static ListMember member(long user, Random random) {
        Set<Long> roles = new java.util.HashSet<>();
        for (long r : ROLES) if (random.nextInt(r == HIDDEN_ROLE ? 8 : 3) == 0) roles.add(r);
        String[] names = {"ann", "Ann", "bo", "cy", "dee", "Eve", "fay"};
        return fixed(user, names[random.nextInt(names.length)], roles, random.nextBoolean());
    }

    private static ListMember fixed(long user, String nick, Set<Long> roles, boolean online) {
        ObjectNode m = Json.object();
        ObjectNode u = m.putObject("user");
        u.put("id", Long.toString(user));
        u.put("username", "user" + user);
        m.put("nick", nick);
        var arr = m.putArray("roles");
        roles.forEach(r -> arr.add(Long.toString(r)));
        m.put("joined_at", "2026-01-01T00:00:00.000000+00:00");
        return ListMember.of(m, online ? "{\"status\":\"online\",\"activities\":[],\"client_status\":{\"web\":\"online\"}}" : null).orElseThrow();
    }
}
