package io.concord.ws.lazy;

import io.concord.common.event.GuildEvent;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import io.concord.common.model.Member;
import io.concord.common.model.Role;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import io.concord.common.permission.Overwrite;
import io.concord.common.permission.Permission;
import io.concord.ws.lazy.GuildMembers.Held;
import io.concord.ws.lazy.LiveSession.ListOps;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.Intents;
import io.concord.ws.session.SessionRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Large-guild mode on one ws-node: lazy member lists (op 14/37, GUILD_MEMBER_LIST_UPDATE), read-on-demand
 * delivery state and unread hints (CHANNEL_UNREAD_UPDATE), and presences routed by member-list window.
 * See docs/design/large-guilds.md.
 *
 * <p>Member lists live here per guild and channel visibility, shared by every local session, built
 * from PostgreSQL and the presence store when first subscribed and then kept up to date from the guild
 * events the node routes ({@link #routed}). Everything sent from here is in no guild stream, so no
 * resume rebuild can reproduce it: it is queued per session and sent in batches ({@link #flush}, every
 * {@code MEMBER_LIST_FLUSH_INTERVAL_MS}) after one write-ahead checkpoint for all of them. All state is
 * guarded by the registry's routing lock.
 */
public final class LargeGuilds implements LazyRouting, LazyResume {
    private static final Logger log = LoggerFactory.getLogger(LargeGuilds.class);
    private static final int PAGE = 1000;

    private final SessionRegistry sessions;
    private final ReentrantLock lock;
    private final GuildRepository guilds;
    private final MemberRepository members;
    private final Function<Long, Optional<GuildAccess>> access;
    private final Function<List<Long>, Map<Long, String>> presences;
    private final Clock clock;
    private final LargeGuildConfig config;
    private final GatewayMetrics gatewayMetrics;
    private final LazyMetrics metrics;
    private volatile WriteAhead writeAhead = WriteAhead.NONE;

    private final Map<String, LiveSession> live = new HashMap<>();
    private final Map<Long, GuildMembers> loaded = new HashMap<>();
    private final Map<Long, Loading> loading = new HashMap<>();
    private final Set<LiveSession> dirty = new LinkedHashSet<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<String> endedIds = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A guild being read: events routed meanwhile wait here and are applied to it once read. */
    private static final class Loading {
        final List<GuildEvent> backlog = new ArrayList<>();
        final CompletableFuture<GuildMembers> done = new CompletableFuture<>();
    }

    /**
     * @param access     the guild's access data as of the last routed event (the node's permission cache)
     * @param presences  what others see of these users (absent: offline), {@code {status, activities, client_status}}
     */
    public LargeGuilds(SessionRegistry sessions, GuildRepository guilds, MemberRepository members,
                       Function<Long, Optional<GuildAccess>> access, Function<List<Long>, Map<Long, String>> presences,
                       Clock clock, LargeGuildConfig config, GatewayMetrics gatewayMetrics, PrometheusRegistry registry) {
        this.sessions = sessions;
        this.lock = sessions.routingLock();
        this.guilds = guilds;
        this.members = members;
        this.access = access;
        this.presences = presences;
        this.clock = clock;
        this.config = config;
        this.gatewayMetrics = gatewayMetrics;
        this.metrics = registry == null ? LazyMetrics.NONE : new LazyMetrics(registry, this::sizes);
    }

    /** Wired after the checkpoint flusher exists (it needs {@link #checkpoint} first). */
    public void writeAheadWith(WriteAhead writeAhead) {
        this.writeAhead = writeAhead;
    }

    public LargeGuildConfig config() {
        return config;
    }

    // ---- routing (under the routing lock) ----

    @Override
    public boolean readOnDemand(GatewaySession s, long guildId) {
        LiveSession ls = live.get(s.id());
        return ls != null && ls.state.readOnDemand(guildId);
    }

    @Override
    public boolean subscribed(GatewaySession s, long guildId, long channelId) {
        LiveSession ls = live.get(s.id());
        return ls != null && ls.state.subscribed(guildId, channelId);
    }

    @Override
    public void unread(GatewaySession s, long guildId, long channelId, long messageId) {
        LiveSession ls = live.get(s.id());
        if (ls == null) return;
        ls.state.unread(guildId, channelId, messageId);
        dirty.add(ls);
        metrics.withheld();
    }

    @Override
    public Optional<List<Long>> onlineIfHeld(long guildId, int limit) {
        lock.lock();
        try {
            GuildMembers gm = loaded.get(guildId);
            if (gm == null) return Optional.empty();
            return Optional.of(gm.members.values().stream().filter(ListMember::online).mapToLong(m -> m.userId).sorted().limit(limit)
                    .boxed().toList());
        } finally {
            lock.unlock();
        }
    }

    /** Also called by IDENTIFY (outside the routing lock) for each GUILD_CREATE of the opening burst. */
    @Override
    public void received(GatewaySession s, long guildId, boolean readOnDemand) {
        lock.lock();
        try {
            LiveSession ls = readOnDemand ? liveFor(s) : live.get(s.id());
            if (ls != null) ls.state.received(guildId, readOnDemand);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void guildRemoved(GatewaySession s, long guildId) {
        lock.lock();
        try {
            LiveSession ls = live.get(s.id());
            if (ls == null) return;
            detachGuild(ls, guildId);
            ls.state.removeGuild(guildId);
            forgetIfIdle(ls);
            unloadIfUnused(guildId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void routed(GuildEvent event) {
        forgetEnded();
        long guildId = event.guildId();
        if (guildId == 0) return;
        GuildMembers gm = loaded.get(guildId);
        if (gm != null) {
            apply(gm, event);
            if (event.type().equals("GUILD_DELETE")) unload(gm);
            return;
        }
        Loading l = loading.get(guildId);
        if (l != null) l.backlog.add(event);
    }

    /**
     * The session ended for good: its state and attachments go, at the next routed event, flush or
     * request. Told under the session's membership lock, which routing takes after the routing lock:
     * taking the routing lock here could deadlock, so the end is only queued.
     */
    public void ended(GatewaySession s) {
        endedIds.add(s.id());
    }

    /** Under the lock: forgets the sessions that ended since the last call. */
    private void forgetEnded() {
        String id;
        while ((id = endedIds.poll()) != null) {
            LiveSession ls = live.remove(id);
            if (ls == null) continue;
            dirty.remove(ls);
            for (long g : new ArrayList<>(ls.attached.keySet())) detachGuild(ls, g);
            for (long g : new ArrayList<>(ls.state.subscriptions.keySet())) {
                GuildMembers gm = loaded.get(g);
                if (gm != null) gm.sessions.remove(ls);
                unloadIfUnused(g);
            }
        }
    }

    // ---- op 14 / op 37 ----

    /** Handles an op 14 or op 37 payload; malformed ones close the connection 4002 (thrown). */
    public void subscribe(GatewaySession s, int op, JsonNode d) {
        List<SubscriptionRequest> requests = SubscriptionRequest.parse(op, d);
        if (!s.isReady()) return;
        // Guilds are read outside the lock; one unloaded again before the lock is taken is read again.
        for (int attempt = 0; attempt < 3; attempt++) {
            Set<Long> read = new HashSet<>();
            for (SubscriptionRequest r : requests) {
                if (s.inGuild(r.guildId()) && load(r.guildId()) != null) read.add(r.guildId());
            }
            if (subscribeLoaded(s, requests, read)) return;
        }
    }

    /** False when a guild that was read has been unloaded since (try again). */
    private boolean subscribeLoaded(GatewaySession s, List<SubscriptionRequest> requests, Set<Long> read) {
        lock.lock();
        try {
            forgetEnded();
            if (s.isClosed()) return true;
            for (long g : read) {
                if (!loaded.containsKey(g)) return false;
            }
            LiveSession ls = liveFor(s);
            String before = ls.state.encode();
            for (SubscriptionRequest r : requests) {
                long g = r.guildId();
                GuildMembers gm = loaded.get(g);
                if (!s.inGuild(g) || gm == null) continue;
                Set<Long> asked = Set.of();
                if (r.channels().isPresent()) {
                    Optional<GuildAccess> a = gm.access();
                    Map<Long, List<Range>> channels = new LinkedHashMap<>();
                    r.channels().get().forEach((c, ranges) -> {
                        if (a.isPresent() && a.get().hasChannel(c)) channels.put(c, ranges);
                    });
                    if (channels.isEmpty()) ls.state.subscriptions.remove(g);
                    else ls.state.subscriptions.put(g, channels);
                    asked = channels.keySet();
                }
                reconcile(ls, gm, asked);
            }
            List<Dispatch> out = drain(ls, clock.millis());
            boolean changed = !before.equals(ls.state.encode());
            // A changed subscription is checkpointed even without a dispatch: later deliveries depend on it.
            if (changed || !out.isEmpty()) send(Map.of(s, out));
            forgetIfIdle(ls);
            for (SubscriptionRequest r : requests) unloadIfUnused(r.guildId());
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- flushing ----

    /** One pass: every session's queued member-list ops and presences, and its hints that are due. */
    public void flush() {
        try {
            lock.lock();
            try {
                forgetEnded();
                long now = clock.millis();
                // Sessions waiting only for their hint interval cost nothing until it has passed.
                if (dirty.stream().noneMatch(ls -> hasWork(ls, now))) return;
                Map<String, GatewaySession> byId = new HashMap<>();
                for (GatewaySession s : sessions.identified()) byId.put(s.id(), s);
                Map<GatewaySession, List<Dispatch>> batch = new LinkedHashMap<>();
                for (LiveSession ls : new ArrayList<>(dirty)) {
                    GatewaySession s = byId.get(ls.sessionId);
                    if (s == null) {
                        if (!live.containsKey(ls.sessionId)) dirty.remove(ls);
                        continue;
                    }
                    if (!s.isReady() || s.isClosed()) continue;
                    List<Dispatch> out = drain(ls, now);
                    if (ls.state.unread.isEmpty()) dirty.remove(ls);
                    if (!out.isEmpty()) batch.put(s, out);
                }
                if (!batch.isEmpty()) send(batch);
            } finally {
                lock.unlock();
            }
        } catch (RuntimeException e) {
            log.warn("member-list flush failed: {}", e.toString());
        }
    }

    private boolean hasWork(LiveSession ls, long now) {
        if (!ls.presences.isEmpty() || !ls.listOps.isEmpty()) return true;
        for (long g : ls.state.unread.keySet()) {
            Long last = ls.lastHintAtMs.get(g);
            if (last == null || now - last >= config.unreadHintIntervalMs()) return true;
        }
        return false;
    }

    /** Under the lock: one write-ahead checkpoint for every session in the batch, then the dispatches. */
    private void send(Map<GatewaySession, List<Dispatch>> batch) {
        Map<GatewaySession, Integer> coming = new LinkedHashMap<>();
        batch.forEach((s, ds) -> coming.put(s, ds.size()));
        writeAhead.writeAhead(coming);
        batch.forEach((s, ds) -> {
            for (Dispatch d : ds) {
                if (s.dispatch(d)) gatewayMetrics.dispatched(d.type());
            }
        });
    }

    /** Under the lock: what the session has waiting, as dispatches; hints only for guilds whose interval has passed. */
    private List<Dispatch> drain(LiveSession ls, long now) {
        List<Dispatch> out = new ArrayList<>(ls.presences);
        ls.presences.forEach(p -> metrics.presence());
        ls.presences.clear();
        for (ListOps o : ls.listOps.values()) {
            List<String> ops = new ArrayList<>(o.ops);
            if (o.resync) {
                Held h = o.guild.lists.get(o.list.id);
                if (h != null && h.list == o.list) {
                    for (Range r : ls.ranges(o.guild.guildId, o.list.id)) ops.add(o.list.sync(r));
                }
            }
            if (ops.isEmpty()) continue;
            ops.forEach(op -> metrics.op(opName(op)));
            out.add(new Dispatch("GUILD_MEMBER_LIST_UPDATE", listUpdate(o.guild.guildId, o.list, ops)));
        }
        ls.listOps.clear();
        for (long g : new ArrayList<>(ls.state.unread.keySet())) {
            Long last = ls.lastHintAtMs.get(g);
            if (last != null && now - last < config.unreadHintIntervalMs()) continue;
            out.add(new Dispatch("CHANNEL_UNREAD_UPDATE", hint(g, ls.state.unread.remove(g))));
            ls.lastHintAtMs.put(g, now);
            metrics.hint();
        }
        return out;
    }

    private static String listUpdate(long guildId, MemberList list, List<String> ops) {
        return "{\"id\":\"" + list.id + "\",\"guild_id\":\"" + Long.toUnsignedString(guildId) + "\",\"member_count\":" + list.memberCount()
                + ",\"online_count\":" + list.onlineCount() + ",\"groups\":" + list.groupsJson() + ",\"ops\":[" + String.join(",", ops) + "]}";
    }

    private static String hint(long guildId, Map<Long, Long> channels) {
        StringBuilder b = new StringBuilder("{\"guild_id\":\"").append(Long.toUnsignedString(guildId)).append("\",\"channel_unread_updates\":[");
        boolean first = true;
        for (var e : channels.entrySet()) {
            if (!first) b.append(',');
            first = false;
            b.append("{\"id\":\"").append(Long.toUnsignedString(e.getKey())).append("\",\"last_message_id\":\"")
                    .append(Long.toUnsignedString(e.getValue())).append("\"}");
        }
        return b.append("]}").toString();
    }

    private static String opName(String op) {
        int start = op.indexOf(":\"") + 2;
        return op.substring(start, op.indexOf('"', start));
    }

    // ---- resume ----

    @Override
    public String checkpoint(GatewaySession s) {
        LiveSession ls = live.get(s.id());
        return ls == null ? "" : ls.state.encode();
    }

    @Override
    public void adopt(GatewaySession s, LazyState rebuilt) {
        lock.lock();
        try {
            forgetEnded();
            LiveSession ls = liveFor(s);
            ls.state.adoptDecisions(rebuilt);
            if (!ls.state.unread.isEmpty()) dirty.add(ls);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void prepare(GatewaySession s) {
        Set<Long> wanted;
        lock.lock();
        try {
            LiveSession ls = live.get(s.id());
            wanted = ls == null ? Set.of() : Set.copyOf(ls.state.subscriptions.keySet());
        } finally {
            lock.unlock();
        }
        for (long g : wanted) {
            if (s.inGuild(g)) load(g);
        }
    }

    @Override
    public List<Dispatch> resumed(GatewaySession s) {
        LiveSession ls = live.get(s.id());
        if (ls == null) return List.of();
        for (long g : new ArrayList<>(ls.state.subscriptions.keySet())) {
            GuildMembers gm = loaded.get(g);
            if (gm != null && s.inGuild(g)) reconcile(ls, gm, ls.state.subscriptions.get(g).keySet());
        }
        return drain(ls, clock.millis());
    }

    @Override
    public void forget(GatewaySession s) {
        ended(s);
        lock.lock();
        try {
            forgetEnded();
        } finally {
            lock.unlock();
        }
    }

    // ---- member lists ----

    /** Reads the guild once (members, roles, presences), outside the lock; null when the guild is gone or unreadable. */
    private GuildMembers load(long guildId) {
        Loading l;
        boolean mine = false;
        lock.lock();
        try {
            GuildMembers gm = loaded.get(guildId);
            if (gm != null) return gm;
            l = loading.get(guildId);
            if (l == null) {
                l = new Loading();
                loading.put(guildId, l);
                mine = true;
            }
        } finally {
            lock.unlock();
        }
        if (!mine) return l.done.join();
        GuildMembers gm = null;
        try {
            gm = read(guildId);
        } catch (RuntimeException e) {
            log.warn("could not read guild {} for its member lists: {}", guildId, e.toString());
        }
        lock.lock();
        try {
            loading.remove(guildId);
            if (gm != null) {
                for (GuildEvent e : l.backlog) apply(gm, e);
                loaded.put(guildId, gm);
            }
        } finally {
            lock.unlock();
        }
        l.done.complete(gm);
        return gm;
    }

    private GuildMembers read(long guildId) {
        if (guilds.find(guildId).isEmpty()) return null;
        List<GuildMembers.RoleInfo> roles = guilds.roles(guildId).stream()
                .map((Role r) -> new GuildMembers.RoleInfo(r.id(), r.position(), r.hoist())).toList();
        Map<Long, ListMember> all = new HashMap<>();
        long after = 0;
        while (true) {
            List<Member> page = members.list(guildId, after, PAGE);
            Map<Long, String> visible = presences.apply(page.stream().map(m -> m.user().id()).toList());
            for (Member m : page) {
                ListMember.of(Json.tree(m), visible.get(m.user().id())).ifPresent(lm -> all.put(lm.userId, lm));
            }
            if (page.size() < PAGE) break;
            after = page.getLast().user().id();
        }
        return new GuildMembers(guildId, all, roles, access::apply);
    }

    private void apply(GuildMembers gm, GuildEvent event) {
        JsonNode d;
        try {
            d = Json.parse(event.payload());
        } catch (Json.MalformedJson e) {
            return;
        }
        switch (event.type()) {
            case "GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE" -> {
                OptionalLong user = id(d.path("user").path("id"));
                if (user.isEmpty()) return;
                ListMember before = gm.members.get(user.getAsLong());
                String presence = before != null ? before.presence : presences.apply(List.of(user.getAsLong())).get(user.getAsLong());
                ListMember.of(d, presence).ifPresent(after -> {
                    change(gm, before, after, null);
                    reconcileUser(gm, after.userId);
                });
            }
            case "GUILD_MEMBER_REMOVE" -> id(d.path("user").path("id")).ifPresent(u -> {
                ListMember before = gm.members.get(u);
                if (before != null) change(gm, before, null, null);
            });
            case "PRESENCE_UPDATE" -> id(d.path("user").path("id")).ifPresent(u -> {
                ListMember before = gm.members.get(u);
                if (before == null) return;
                String visible = visible(d);
                if (java.util.Objects.equals(visible, before.presence)) return;
                change(gm, before, before.withPresence(visible), event.payload());
            });
            case "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE" -> {
                JsonNode role = d.path("role");
                id(role.path("id")).ifPresent(r -> {
                    gm.putRole(new GuildMembers.RoleInfo(r, role.path("position").asInt(0), role.path("hoist").asBoolean(false)));
                    refresh(gm);
                });
            }
            case "GUILD_ROLE_DELETE" -> id(d.path("role_id")).ifPresent(r -> {
                gm.removeRole(r);
                refresh(gm);
            });
            case "GUILD_UPDATE" -> refresh(gm);
            case "CHANNEL_CREATE", "CHANNEL_UPDATE", "CHANNEL_DELETE" -> reconcileAll(gm);
            default -> {}
        }
    }

    /** {@code {status, activities, client_status}} of a PRESENCE_UPDATE payload; null when offline. */
    private static String visible(JsonNode d) {
        String status = d.path("status").asString("offline");
        if (status.equals("offline") || status.equals("invisible")) return null;
        ObjectNode v = Json.object();
        v.put("status", status);
        v.set("activities", d.path("activities").isArray() ? d.get("activities") : Json.mapper().createArrayNode());
        v.set("client_status", d.path("client_status").isObject() ? d.get("client_status") : Json.object());
        return Json.write(v);
    }

    /**
     * A member changed (joined: before null; left: after null): every list moves them and every
     * attached session gets the ops that concern its ranges. With {@code presencePayload}, sessions
     * whose window shows the member (before or after) get that PRESENCE_UPDATE.
     */
    private void change(GuildMembers gm, ListMember before, ListMember after, String presencePayload) {
        long user = after != null ? after.userId : before.userId;
        if (after != null) gm.members.put(user, after);
        else gm.members.remove(user);
        Set<LiveSession> windowed = presencePayload == null ? null : new LinkedHashSet<>();
        for (Held h : gm.lists.values()) {
            int was = windowed != null && before != null ? h.list.indexOf(before, gm) : -1;
            boolean visible = after != null && gm.canView(after, h.list.overwrites);
            h.list.move(before, after, visible, gm, new Fanout(gm, h));
            if (windowed != null) {
                int is = after != null ? h.list.indexOf(after, gm) : -1;
                h.subscribers.forEach((ls, ranges) -> {
                    if (Range.anyContains(ranges, was) || Range.anyContains(ranges, is)) windowed.add(ls);
                });
            }
        }
        if (windowed == null) return;
        Dispatch presence = new Dispatch("PRESENCE_UPDATE", presencePayload);
        for (LiveSession ls : windowed) {
            if (ls.userId == user || !ls.state.readOnDemand(gm.guildId) || !ls.intents.allows(Intents.GUILD_PRESENCES)) continue;
            ls.presences.add(presence);
            dirty.add(ls);
        }
    }

    /** Turns each step of a change into ops for each attached session, with the fills its ranges need ({@link WindowOps}). */
    private final class Fanout implements MemberList.Sink {
        private final GuildMembers gm;
        private final Held held;

        Fanout(GuildMembers gm, Held held) {
            this.gm = gm;
            this.held = held;
        }

        @Override
        public void deleted(int index) {
            if (held.subscribers.isEmpty()) return;
            WindowOps.Step step = new WindowOps.Step(held.list);
            held.subscribers.forEach((ls, ranges) -> WindowOps.deleted(index, ranges, step, op -> queue(ls, op)));
        }

        @Override
        public void inserted(int index) {
            if (held.subscribers.isEmpty()) return;
            WindowOps.Step step = new WindowOps.Step(held.list);
            String insert = step.insert(index);
            held.subscribers.forEach((ls, ranges) -> WindowOps.inserted(index, insert, ranges, step, op -> queue(ls, op)));
        }

        @Override
        public void updated(int index) {
            if (held.subscribers.isEmpty()) return;
            WindowOps.Step step = new WindowOps.Step(held.list);
            held.subscribers.forEach((ls, ranges) -> WindowOps.updated(index, ranges, step, op -> queue(ls, op)));
        }

        private void queue(LiveSession ls, String op) {
            ls.ops(gm, held.list).change(op);
            dirty.add(ls);
        }
    }

    /** Roles or the owner changed: every list is recomputed and sessions get a SYNC of each range that looks different. */
    private void refresh(GuildMembers gm) {
        Map<Held, Map<LiveSession, Map<Range, List<String>>>> before = new HashMap<>();
        for (Held h : gm.lists.values()) {
            Map<LiveSession, Map<Range, List<String>>> bySession = new HashMap<>();
            h.subscribers.forEach((ls, ranges) -> {
                Map<Range, List<String>> items = new HashMap<>();
                for (Range r : ranges) items.put(r, items(h.list, r));
                bySession.put(ls, items);
            });
            before.put(h, bySession);
        }
        for (Held h : gm.lists.values()) h.list.rebuild(gm.members.values(), gm);
        reconcileAll(gm);
        before.forEach((h, bySession) -> {
            if (gm.lists.get(h.list.id) != h) return;
            bySession.forEach((ls, ranges) -> {
                List<Range> now = h.subscribers.get(ls);
                if (now == null) return;
                ranges.forEach((r, items) -> {
                    if (now.contains(r) && !items.equals(items(h.list, r))) {
                        ls.ops(gm, h.list).window(h.list.sync(r));
                        dirty.add(ls);
                    }
                });
            });
        });
    }

    private static List<String> items(MemberList list, Range r) {
        List<String> out = new ArrayList<>();
        int n = list.size();
        for (int i = r.from(); i <= r.to() && i < n; i++) out.add(list.item(i));
        return out;
    }

    private void reconcileAll(GuildMembers gm) {
        for (LiveSession ls : new ArrayList<>(gm.sessions)) reconcile(ls, gm, Set.of());
    }

    private void reconcileUser(GuildMembers gm, long userId) {
        for (LiveSession ls : new ArrayList<>(gm.sessions)) {
            if (ls.userId == userId) reconcile(ls, gm, Set.of());
        }
    }

    /**
     * Attaches the session to the lists its subscriptions in this guild show it now (one per distinct
     * visibility of the channels it may view), with the union of the ranges: INVALIDATE for ranges it
     * no longer has, SYNC for new ones, and for every range of the lists of {@code asked} channels.
     */
    private void reconcile(LiveSession ls, GuildMembers gm, Set<Long> asked) {
        long g = gm.guildId;
        Map<String, TreeSet<Range>> desired = new LinkedHashMap<>();
        Map<String, List<Overwrite>> overwrites = new HashMap<>();
        Set<String> force = new HashSet<>();
        Map<Long, List<Range>> subs = ls.state.subscriptions.getOrDefault(g, Map.of());
        ListMember me = gm.members.get(ls.userId);
        Optional<GuildAccess> access = gm.access();
        if (me != null && access.isPresent()) {
            MemberAccess self = new MemberAccess(me.userId, me.roles);
            subs.forEach((c, ranges) -> {
                List<Overwrite> ow = access.get().channelOverwrites().get(c);
                if (ranges.isEmpty() || ow == null) return;
                if (!Permission.hasAll(access.get().channelPermissions(self, ow, Instant.EPOCH), Permission.VIEW_CHANNEL)) return;
                String id = ListIds.of(access.get(), ow);
                desired.computeIfAbsent(id, k -> new TreeSet<>()).addAll(ranges);
                overwrites.putIfAbsent(id, ow);
                if (asked.contains(c)) force.add(id);
            });
        }
        Map<String, List<Range>> current = ls.attached.getOrDefault(g, Map.of());
        current.forEach((id, ranges) -> {
            if (desired.containsKey(id)) return;
            Held h = gm.lists.get(id);
            if (h == null) return;
            ListOps out = ls.ops(gm, h.list);
            for (Range r : ranges) out.window(invalidate(r));
            h.subscribers.remove(ls);
            if (h.subscribers.isEmpty()) gm.lists.remove(id);
            dirty.add(ls);
        });
        Map<String, List<Range>> attached = new LinkedHashMap<>();
        desired.forEach((id, want) -> {
            Held h = gm.list(id, overwrites.get(id));
            List<Range> cur = current.get(id);
            List<Range> ranges = List.copyOf(want);
            ListOps out = ls.ops(gm, h.list);
            if (cur != null) {
                for (Range r : cur) if (!want.contains(r)) out.window(invalidate(r));
            }
            for (Range r : ranges) {
                if (cur == null || !cur.contains(r) || force.contains(id)) out.window(h.list.sync(r));
            }
            if (!out.ops.isEmpty()) dirty.add(ls);
            h.subscribers.put(ls, ranges);
            attached.put(id, ranges);
        });
        if (attached.isEmpty()) ls.attached.remove(g);
        else ls.attached.put(g, attached);
        if (subs.isEmpty()) gm.sessions.remove(ls);
        else gm.sessions.add(ls);
    }

    private static String invalidate(Range r) {
        return "{\"op\":\"INVALIDATE\",\"range\":" + r.json() + "}";
    }

    /** The session leaves the guild's lists (it left the guild, or ended); no INVALIDATE: it is not there to read one. */
    private void detachGuild(LiveSession ls, long guildId) {
        Map<String, List<Range>> lists = ls.attached.remove(guildId);
        GuildMembers gm = loaded.get(guildId);
        if (gm == null) return;
        gm.sessions.remove(ls);
        if (lists != null) {
            for (String id : lists.keySet()) {
                Held h = gm.lists.get(id);
                if (h == null) continue;
                h.subscribers.remove(ls);
                if (h.subscribers.isEmpty()) gm.lists.remove(id);
            }
        }
        ls.listOps.values().removeIf(o -> o.guild == gm);
    }

    private void unloadIfUnused(long guildId) {
        GuildMembers gm = loaded.get(guildId);
        if (gm != null && gm.sessions.isEmpty() && gm.lists.isEmpty()) loaded.remove(guildId);
    }

    private void unload(GuildMembers gm) {
        for (LiveSession ls : new ArrayList<>(gm.sessions)) detachGuild(ls, gm.guildId);
        loaded.remove(gm.guildId);
    }

    private LiveSession liveFor(GatewaySession s) {
        return live.computeIfAbsent(s.id(), id -> new LiveSession(id, s.userId(), s.intents()));
    }

    /** A session with nothing large-guild about it needs no entry. */
    private void forgetIfIdle(LiveSession ls) {
        if (ls.state.isEmpty() && ls.attached.isEmpty() && ls.listOps.isEmpty() && ls.presences.isEmpty()) {
            live.remove(ls.sessionId, ls);
            dirty.remove(ls);
        }
    }

    private LazyMetrics.Sizes sizes() {
        lock.lock();
        try {
            int held = 0;
            int lists = 0;
            int subscriptions = 0;
            for (GuildMembers gm : loaded.values()) {
                held += gm.members.size();
                lists += gm.lists.size();
                for (Held h : gm.lists.values()) subscriptions += h.subscribers.size();
            }
            int onDemand = (int) live.values().stream().filter(ls -> !ls.state.readOnDemand.isEmpty()).count();
            return new LazyMetrics.Sizes(loaded.size(), held, lists, subscriptions, onDemand);
        } finally {
            lock.unlock();
        }
    }

    private static OptionalLong id(JsonNode n) {
        return n.isString() ? Snowflakes.parse(n.stringValue()) : OptionalLong.empty();
    }
}
