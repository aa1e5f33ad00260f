package io.concord.ws.lazy;

import io.concord.common.permission.Overwrite;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One member list: the members of a guild who can view channels with one set of VIEW_CHANNEL
 * overwrites ({@link ListIds}), as Discord's sidebar shows them. Items are group headers and members:
 * each hoisted role that holds an online member (highest role position first, ties to the lower id),
 * then {@code online}, then {@code offline}; a header {@code {"group": {id, count}}} before its
 * members, empty groups left out. An online member sits under their highest hoisted role, else under
 * online; an offline member always under offline. Within a group, by {@link ListMember#ORDER}.
 *
 * <p>Each group is a sorted array, so finding a member is a binary search and an index is a sum over
 * the (few) groups. Changes go through {@link #move}, which reports every step to a {@link Sink}
 * right after applying it, so the sink can read the list as a client will have it after that step.
 * Guarded by the routing lock, like everything in this package.
 */
final class MemberList {
    static final long ONLINE = -1;
    static final long OFFLINE = -2;

    /** Told of each step of a change, after it was applied. Indexes are whole-list indexes. */
    interface Sink {
        void deleted(int index);

        void inserted(int index);

        void updated(int index);
    }

    /** What the list needs from its guild: grouping and visibility. */
    interface Guild {
        /** The group an online member belongs in (a hoisted role id, or ONLINE); OFFLINE when offline. */
        long groupOf(ListMember m);

        /** Hoisted role ids, highest first. */
        List<Long> hoisted();

        boolean canView(ListMember m, List<Overwrite> overwrites);
    }

    final String id;
    final long guildId;
    final List<Overwrite> overwrites;
    private List<Long> order = List.of(ONLINE, OFFLINE);
    private final Map<Long, ArrayList<ListMember>> groups = new HashMap<>();
    /** A header shown for a group with no member in it, while a change is half applied; 0 when none. */
    private long pendingHeader;
    private int pendingHeaderCount;
    private int memberCount;
    private int onlineCount;

    MemberList(String id, long guildId, List<Overwrite> overwrites) {
        this.id = id;
        this.guildId = guildId;
        this.overwrites = List.copyOf(overwrites);
    }

    /** Recomputes everything from the guild's members. */
    void rebuild(Collection<ListMember> all, Guild guild) {
        List<Long> o = new ArrayList<>(guild.hoisted());
        o.add(ONLINE);
        o.add(OFFLINE);
        order = List.copyOf(o);
        groups.clear();
        memberCount = 0;
        onlineCount = 0;
        for (ListMember m : all) {
            if (!guild.canView(m, overwrites)) continue;
            groups.computeIfAbsent(guild.groupOf(m), k -> new ArrayList<>()).add(m);
            memberCount++;
            if (m.online()) onlineCount++;
        }
        groups.values().forEach(g -> g.sort(ListMember.ORDER));
    }

    int memberCount() {
        return memberCount;
    }

    int onlineCount() {
        return onlineCount;
    }

    /** Items in the list, headers included. */
    int size() {
        int n = 0;
        for (long g : order) if (shown(g)) n += 1 + members(g).size();
        return n;
    }

    /** The item at an index (a header or a member); null past the end. */
    String item(int index) {
        int at = 0;
        for (long g : order) {
            if (!shown(g)) continue;
            if (index == at) return header(g);
            List<ListMember> ms = members(g);
            if (index <= at + ms.size()) return ms.get(index - at - 1).item();
            at += 1 + ms.size();
        }
        return null;
    }

    /** The member's index, or -1 when they are not in the list. */
    int indexOf(ListMember m, Guild guild) {
        long g = guild.groupOf(m);
        int r = rank(g, m);
        return r < 0 ? -1 : headerIndex(g) + 1 + r;
    }

    /** {@code [{"id":...,"count":n}, ...]} for the groups shown, in order. */
    String groupsJson() {
        StringBuilder b = new StringBuilder("[");
        for (long g : order) {
            if (!shown(g)) continue;
            if (b.length() > 1) b.append(',');
            b.append("{\"id\":\"").append(groupId(g)).append("\",\"count\":").append(count(g)).append('}');
        }
        return b.append(']').toString();
    }

    /** A SYNC op for the range: the items in it (fewer, or none, past the end). */
    String sync(Range r) {
        StringBuilder b = new StringBuilder("{\"op\":\"SYNC\",\"range\":").append(r.json()).append(",\"items\":[");
        int n = size();
        for (int i = r.from(); i <= r.to() && i < n; i++) {
            if (i > r.from()) b.append(',');
            b.append(item(i));
        }
        return b.append("]}").toString();
    }

    /**
     * Moves a member from {@code before} (null: was no member) to {@code after} (null: no longer a
     * member), {@code after} shown only if {@code visibleAfter}. Reports DELETEs and INSERTs of the
     * member and of group headers that appear or go, an UPDATE when the member stays where it was,
     * and UPDATEs of the headers whose count changed.
     */
    void move(ListMember before, ListMember after, boolean visibleAfter, Guild guild, Sink sink) {
        long from = 0;
        int fromRank = -1;
        if (before != null) {
            long g = guild.groupOf(before);
            int r = rank(g, before);
            if (r >= 0) {
                from = g;
                fromRank = r;
            }
        }
        long to = after != null && visibleAfter ? guild.groupOf(after) : 0;
        if (from == 0 && to == 0) return;
        if (from != 0 && from == to && staysAt(members(from), fromRank, after)) {
            members(from).set(fromRank, after);
            sink.updated(headerIndex(from) + 1 + fromRank);
            return;
        }
        if (from != 0) {
            ArrayList<ListMember> g = members(from);
            int header = headerIndex(from);
            g.remove(fromRank);
            memberCount--;
            if (before.online()) onlineCount--;
            boolean emptied = g.isEmpty();
            if (emptied) showPending(from, 0);
            sink.deleted(header + 1 + fromRank);
            if (emptied) {
                clearPending();
                groups.remove(from);
                sink.deleted(header);
            }
        }
        boolean newHeader = false;
        if (to != 0) {
            ArrayList<ListMember> g = groups.computeIfAbsent(to, k -> new ArrayList<>());
            newHeader = g.isEmpty();
            if (newHeader) {
                showPending(to, 1);
                sink.inserted(headerIndex(to));
            }
            int r = insertionRank(g, after);
            g.add(r, after);
            clearPending();
            memberCount++;
            if (after.online()) onlineCount++;
            sink.inserted(headerIndex(to) + 1 + r);
        }
        if (from != 0 && shown(from)) sink.updated(headerIndex(from));
        if (to != 0 && to != from && !newHeader) sink.updated(headerIndex(to));
    }

    private static boolean staysAt(List<ListMember> g, int rank, ListMember m) {
        return (rank == 0 || ListMember.ORDER.compare(g.get(rank - 1), m) < 0)
                && (rank == g.size() - 1 || ListMember.ORDER.compare(m, g.get(rank + 1)) < 0);
    }

    private void showPending(long group, int count) {
        pendingHeader = group;
        pendingHeaderCount = count;
    }

    private void clearPending() {
        pendingHeader = 0;
    }

    private int rank(long group, ListMember m) {
        List<ListMember> g = groups.get(group);
        if (g == null) return -1;
        int r = Collections.binarySearch(g, m, ListMember.ORDER);
        return r >= 0 && g.get(r).userId == m.userId ? r : -1;
    }

    private static int insertionRank(List<ListMember> g, ListMember m) {
        int r = Collections.binarySearch(g, m, ListMember.ORDER);
        return r >= 0 ? r : -r - 1;
    }

    private static final ArrayList<ListMember> NONE = new ArrayList<>(0);

    /** The group's members; an empty list (shared, never changed) for a group nobody is in. */
    private ArrayList<ListMember> members(long group) {
        ArrayList<ListMember> g = groups.get(group);
        return g == null ? NONE : g;
    }

    private boolean shown(long group) {
        return group == pendingHeader || !members(group).isEmpty();
    }

    private int count(long group) {
        return group == pendingHeader && members(group).isEmpty() ? pendingHeaderCount : members(group).size();
    }

    /** Where the group's header is (or would go). */
    private int headerIndex(long group) {
        int at = 0;
        for (long g : order) {
            if (g == group) return at;
            if (shown(g)) at += 1 + members(g).size();
        }
        throw new IllegalStateException("unknown group " + group);
    }

    private String header(long group) {
        return "{\"group\":{\"id\":\"" + groupId(group) + "\",\"count\":" + count(group) + "}}";
    }

    private static String groupId(long group) {
        return group == ONLINE ? "online" : group == OFFLINE ? "offline" : Long.toUnsignedString(group);
    }
}
