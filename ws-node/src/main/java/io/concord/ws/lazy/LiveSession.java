package io.concord.ws.lazy;

import io.concord.ws.session.Dispatch;
import io.concord.ws.session.Intents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local session's large-guild state: what is checkpointed ({@link LazyState}) and what lives only
 * here: the lists it is attached to with which ranges, when each guild's last unread hint went out,
 * and what waits for the next flush (member-list ops, presences). Keyed by session id, so it follows
 * a session resumed on this node onto its new socket. Guarded by the routing lock.
 */
final class LiveSession {
    /** Ops for one list not sent yet; past {@value #MAX_OPS} they are dropped for a SYNC of the session's ranges. */
    static final class ListOps {
        static final int MAX_OPS = 100;
        final GuildMembers guild;
        final MemberList list;
        final List<String> ops = new ArrayList<>();
        /** The ops were dropped: SYNC every range attached at flush time, then what {@link #ops} holds. */
        boolean resync;

        ListOps(GuildMembers guild, MemberList list) {
            this.guild = guild;
            this.list = list;
        }

        /** A change op (INSERT, UPDATE, DELETE): superseded by a pending resync. */
        void change(String op) {
            if (resync) return;
            if (ops.size() >= MAX_OPS) {
                // The window ops stay: an INVALIDATE must still reach the client; the SYNCs at flush come after them.
                ops.removeIf(o -> !isWindow(o));
                resync = true;
                return;
            }
            ops.add(op);
        }

        private static boolean isWindow(String op) {
            return op.startsWith("{\"op\":\"SYNC\"") || op.startsWith("{\"op\":\"INVALIDATE\"");
        }

        /** SYNC and INVALIDATE: always kept, in order. */
        void window(String op) {
            ops.add(op);
        }
    }

    final String sessionId;
    final long userId;
    final Intents intents;
    final LazyState state = new LazyState();
    /** Per guild, the lists this session is attached to and its ranges in each. */
    final Map<Long, Map<String, List<Range>>> attached = new HashMap<>();
    final Map<Long, Long> lastHintAtMs = new HashMap<>();
    final List<Dispatch> presences = new ArrayList<>();
    final LinkedHashMap<MemberList, ListOps> listOps = new LinkedHashMap<>();

    LiveSession(String sessionId, long userId, Intents intents) {
        this.sessionId = sessionId;
        this.userId = userId;
        this.intents = intents;
    }

    ListOps ops(GuildMembers guild, MemberList list) {
        return listOps.computeIfAbsent(list, l -> new ListOps(guild, l));
    }

    List<Range> ranges(long guildId, String listId) {
        Map<String, List<Range>> lists = attached.get(guildId);
        return lists == null ? List.of() : lists.getOrDefault(listId, List.of());
    }
}
