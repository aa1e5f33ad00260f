package io.concord.ws.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.common.json.Json;
import io.concord.common.model.Member;
import io.concord.common.model.Role;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import io.concord.common.permission.Permission;
import io.concord.common.store.Postgres;
import io.concord.common.test.TestStack;
import io.concord.ws.presence.PresenceStore;
import io.concord.ws.presence.Status;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Large guilds in tests: members, roles and presences changed the way the api-node and presence code
 * change them (the row or the presence store first, then the event, published onto the node's relay
 * stream with the payload shapes they use), and the member list recomputed from scratch from
 * PostgreSQL and the presence store, by the rules docs/design/large-guilds.md gives.
 */
final class LargeGuildFixture implements AutoCloseable {
    static final String ONLINE = "{\"status\":\"online\",\"activities\":[],\"client_status\":{\"web\":\"online\"}}";

    private final TestWorld world;
    private final int nodeId;
    private final Postgres postgres = Postgres.connect(TestStack.stores());
    private final PresenceStore presences;

    LargeGuildFixture(TestWorld world, int nodeId) {
        this.world = world;
        this.nodeId = nodeId;
        this.presences = new PresenceStore(world.redis);
    }

    /** A guild of the owner and {@code members} more members, created in the database (no event). */
    List<Long> populate(TestGuild guild, String prefix, int members) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            long u = world.user(prefix + i);
            world.join(guild.id(), u);
            ids.add(u);
        }
        return ids;
    }

    long hoistedRole(long guildId, String name, int position) {
        long roleId = world.id();
        postgres.jdbi().useHandle(h -> h.execute(
                "insert into roles (id, guild_id, name, permissions, position, hoist) values (?, ?, ?, 0, ?, true)",
                roleId, guildId, name, position));
        return roleId;
    }

    /** Changes the role's row and publishes GUILD_ROLE_UPDATE with it. */
    void updateRole(long guildId, long roleId, int position, boolean hoist) {
        postgres.jdbi().useHandle(h -> h.execute("update roles set position = ?, hoist = ? where id = ?", position, hoist, roleId));
        Role role = world.guilds.role(guildId, roleId).orElseThrow();
        publish(new GuildEvent("GUILD_ROLE_UPDATE", guildId, 0, List.of(), Json.write(Map.of("guild_id", Long.toString(guildId), "role", role))));
    }

    void grant(long guildId, long userId, long roleId) {
        world.members.addRole(guildId, userId, roleId);
        memberUpdate(guildId, userId);
    }

    void revoke(long guildId, long userId, long roleId) {
        world.members.removeRole(guildId, userId, roleId);
        memberUpdate(guildId, userId);
    }

    void nick(long guildId, long userId, String nick) {
        postgres.jdbi().useHandle(h -> h.execute("update members set nick = ? where guild_id = ? and user_id = ?", nick, guildId, userId));
        memberUpdate(guildId, userId);
    }

    /** A new member: the row, then GUILD_MEMBER_ADD naming them (as GuildService.announceMember). */
    void join(long guildId, long userId) {
        world.join(guildId, userId);
        publish(new GuildEvent("GUILD_MEMBER_ADD", guildId, 0, List.of(userId), memberPayload(guildId, userId)));
    }

    /** The row goes, then GUILD_MEMBER_REMOVE {guild_id, user} (as MemberService.leave). */
    void leave(long guildId, long userId) {
        var user = world.members.find(guildId, userId).orElseThrow().user();
        postgres.jdbi().useHandle(h -> h.execute("delete from members where guild_id = ? and user_id = ?", guildId, userId));
        ObjectNode d = Json.object();
        d.put("guild_id", Long.toString(guildId));
        d.set("user", Json.tree(user));
        publish(new GuildEvent("GUILD_MEMBER_REMOVE", guildId, 0, List.of(userId), Json.write(d)));
    }

    /** The user's presence as others see it, in the presence store, then PRESENCE_UPDATE (as PresenceService.publish). */
    void presence(long guildId, long userId, Status status) {
        String visible = status == Status.OFFLINE || status == Status.INVISIBLE ? ""
                : "{\"status\":\"" + status.wire() + "\",\"activities\":[],\"client_status\":{\"web\":\"" + status.wire() + "\"}}";
        if (visible.isEmpty()) presences.remove(nodeId, "fixture-" + userId, userId);
        else presences.set(nodeId, "fixture-" + userId, userId, status, visible);
        String shown = visible.isEmpty() ? "{\"status\":\"offline\",\"activities\":[],\"client_status\":{}}" : visible;
        publish(new GuildEvent("PRESENCE_UPDATE", guildId, 0, List.of(),
                "{\"user\":{\"id\":\"" + userId + "\"},\"guild_id\":\"" + guildId + "\"," + shown.substring(1)));
    }

    void memberUpdate(long guildId, long userId) {
        publish(new GuildEvent("GUILD_MEMBER_UPDATE", guildId, 0, List.of(), memberPayload(guildId, userId)));
    }

    String memberPayload(long guildId, long userId) {
        Member m = world.members.find(guildId, userId).orElseThrow();
        ObjectNode d = (ObjectNode) Json.tree(m);
        d.put("guild_id", Long.toString(guildId));
        return Json.write(d);
    }

    void publish(GuildEvent event) {
        world.publish(nodeId, event);
    }

    /** Sends op 14 for one channel with these ranges. */
    static void subscribe(GatewayClient client, long guildId, long channelId, List<int[]> ranges) {
        List<List<Integer>> rs = ranges.stream().map(r -> List.of(r[0], r[1])).toList();
        client.send(14, Map.of("guild_id", Long.toString(guildId), "channels", Map.of(Long.toString(channelId), rs),
                "typing", true, "activities", true));
    }

    /**
     * The whole list recomputed from the database and the presence store, as tokens: {@code #group:count}
     * for headers, {@code userId:status:displayName} for members.
     */
    List<String> expected(long guildId, long channelId) {
        GuildAccess access = world.guilds.access(guildId).orElseThrow();
        List<Role> roles = world.guilds.roles(guildId);
        List<Role> hoisted = new ArrayList<>(roles.stream().filter(r -> r.hoist() && r.id() != guildId).toList());
        hoisted.sort(Comparator.comparingInt(Role::position).reversed().thenComparing(Role::id, Long::compareUnsigned));
        List<Member> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Member> page = world.members.list(guildId, after, 1000);
            all.addAll(page);
            if (page.size() < 1000) break;
            after = page.getLast().user().id();
        }
        List<Optional<String>> visible = presences.visible(all.stream().map(m -> m.user().id()).toList());
        Map<String, List<String[]>> groups = new LinkedHashMap<>();
        hoisted.forEach(r -> groups.put(Long.toString(r.id()), new ArrayList<>()));
        groups.put("online", new ArrayList<>());
        groups.put("offline", new ArrayList<>());
        for (int i = 0; i < all.size(); i++) {
            Member m = all.get(i);
            MemberAccess ma = new MemberAccess(m.user().id(), m.roles());
            if (!access.canView(ma, channelId, Instant.now())) continue;
            String status = visible.get(i).map(v -> Json.parse(v).path("status").asString()).orElse("offline");
            String group = "offline";
            if (!status.equals("offline")) {
                group = "online";
                for (Role r : hoisted) {
                    if (m.roles().contains(r.id())) {
                        group = Long.toString(r.id());
                        break;
                    }
                }
            }
            String name = m.nick() != null ? m.nick() : m.user().globalName() != null ? m.user().globalName() : m.user().username();
            groups.get(group).add(new String[] {name.toLowerCase(Locale.ROOT), name, Long.toUnsignedString(m.user().id()), status});
        }
        List<String> tokens = new ArrayList<>();
        groups.forEach((id, ms) -> {
            if (ms.isEmpty()) return;
            ms.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1])
                    .thenComparing((a, b) -> Long.compareUnsigned(Long.parseUnsignedLong(a[2]), Long.parseUnsignedLong(b[2]))));
            tokens.add("#" + id + ":" + ms.size());
            ms.forEach(m -> tokens.add(m[2] + ":" + m[3] + ":" + m[1]));
        });
        return tokens;
    }

    /** A list item (normalized JSON text) as a token of {@link #expected}. */
    static String token(String item) {
        JsonNode n = Json.parse(item);
        if (n.has("group")) return "#" + n.path("group").path("id").asString() + ":" + n.path("group").path("count").asInt();
        JsonNode m = n.path("member");
        String name = m.path("nick").isString() ? m.path("nick").asString()
                : m.path("user").path("global_name").isString() ? m.path("user").path("global_name").asString() : m.path("user").path("username").asString();
        return m.path("user").path("id").asString() + ":" + m.path("presence").path("status").asString() + ":" + name;
    }

    /** The tokens of what a client holds in its ranges, by index. */
    static Map<Integer, String> tokens(ListClient copy) {
        Map<Integer, String> out = new TreeMap<>();
        copy.items().forEach((i, item) -> out.put(i, token(item)));
        return out;
    }

    /** The tokens the client should hold: the recomputed list cut to its ranges. */
    static Map<Integer, String> window(List<String> whole, ListClient copy) {
        return copy.expected(whole);
    }

    /** The next GUILD_MEMBER_LIST_UPDATE of a list, skipping everything else. */
    static JsonNode nextListUpdate(GatewayClient client) throws InterruptedException {
        while (true) {
            JsonNode f = client.next();
            if (f.path("t").asString().equals("GUILD_MEMBER_LIST_UPDATE")) return f.path("d");
        }
    }

    /**
     * Applies list updates to the client's copy until it shows what the database says now (the
     * events on the relay get there in their time), failing after a generous wait.
     */
    void converge(GatewayClient client, ListClient copy, long guildId, long channelId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Map<Integer, String> want = window(expected(guildId, channelId), copy);
            if (tokens(copy).equals(want)) return;
            assertThat(System.nanoTime()).as("the member list window to show %s, it shows %s", want, tokens(copy)).isLessThan(deadline);
            JsonNode f = client.next();
            if (f.path("t").asString().equals("GUILD_MEMBER_LIST_UPDATE")) copy.apply(f.path("d"));
        }
    }

    /**
     * Asks for the client's ranges again (op 14) and checks, at the first SYNC of the answer (pending ops
     * before it applied first), that the copy equals the fresh SYNC of every range; then applies it.
     */
    static void resyncAndCompare(GatewayClient client, ListClient copy, long guildId, long channelId) throws InterruptedException {
        subscribe(client, guildId, channelId, copy.ranges());
        while (true) {
            JsonNode d = nextListUpdate(client);
            boolean synced = false;
            Map<Integer, String> before = null;
            Map<Integer, String> fresh = new TreeMap<>();
            for (JsonNode op : d.path("ops")) {
                String kind = op.path("op").asString();
                if (kind.equals("SYNC")) {
                    if (before == null) before = copy.items();
                    int i = op.path("range").get(0).asInt();
                    for (JsonNode item : op.path("items")) fresh.put(i++, Json.write(item));
                    synced = true;
                } else {
                    assertThat(synced).as("ops after a SYNC in one answer").isFalse();
                    copy.apply(kind, op);
                }
            }
            if (!synced) continue;
            assertThat(before).as("the client's copy against a fresh SYNC of its ranges").isEqualTo(fresh);
            copy.apply(d);
            return;
        }
    }

    record Bot(long id, String token) {}

    /** A bot user with an application allowed every privileged intent, and its token (as the api-node writes them). */
    Bot bot(String name) {
        var applications = new io.concord.common.application.ApplicationRepository(postgres.jdbi());
        long owner = world.user(name + "-owner");
        long id = world.id();
        applications.create(new io.concord.common.application.ApplicationRow(id, owner, name + id, "",
                io.concord.common.application.ApplicationFlags.DEFAULT, "00", true, false), name + id);
        String token = io.concord.common.auth.BotTokens.generate(id, new java.security.SecureRandom());
        applications.replaceTokenHash(id, io.concord.common.auth.BotTokens.hash(token));
        return new Bot(id, token);
    }

    /** Publishes a MESSAGE_CREATE with these mentions (as the api-node renders a message); returns its id. */
    long message(long guildId, long channelId, long authorId, String content, List<Long> users, List<Long> roles, boolean everyone) {
        long id = world.id();
        publish(new GuildEvent("MESSAGE_CREATE", guildId, channelId, List.of(), message(id, guildId, channelId, authorId, content, users, roles, everyone)));
        return id;
    }

    static String message(long id, long guildId, long channelId, long authorId, String content, List<Long> users, List<Long> roles, boolean everyone) {
        ObjectNode d = (ObjectNode) Json.parse(TestWorld.message(id, channelId, guildId, authorId, content));
        var mentions = d.putArray("mentions");
        users.forEach(u -> mentions.addObject().put("id", Long.toString(u)).put("username", "mentioned").put("discriminator", "0"));
        var mentionRoles = d.putArray("mention_roles");
        roles.forEach(r -> mentionRoles.add(Long.toString(r)));
        d.put("mention_everyone", everyone);
        return Json.write(d);
    }

    @Override
    public void close() {
        postgres.close();
    }
}
