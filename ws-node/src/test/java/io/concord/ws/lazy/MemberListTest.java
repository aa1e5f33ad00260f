package io.concord.ws.lazy;

import static io.concord.ws.lazy.LargeGuildFixture.nextListUpdate;
import static io.concord.ws.lazy.LargeGuildFixture.resyncAndCompare;
import static io.concord.ws.lazy.LargeGuildFixture.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.permission.Overwrite;
import io.concord.common.permission.Permission;
import io.concord.ws.presence.Status;
import io.concord.ws.support.AccessEdits;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.NodeMetrics;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The lazy member list (op 14, GUILD_MEMBER_LIST_UPDATE) of a large guild stays correct through joins,
 * leaves, role, nickname and presence changes: clients apply every op they get to their copy of their
 * ranges, and the copy must equal both a fresh SYNC and the list recomputed from the database.
 */
class MemberListTest {
    private static final int NODE_ID = 800;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID,
            Map.of("LARGE_GUILD_MEMBERS", "5", "MEMBER_LIST_FLUSH_INTERVAL_MS", "50"), Clock.systemUTC());
    private static final TestWorld world = wsNode.world();
    private static LargeGuildFixture fx;

    @BeforeAll
    static void start() {
        fx = new LargeGuildFixture(world, NODE_ID);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void theListStaysEqualToAFreshSyncAndARecomputationThroughJoinsLeavesRolesAndPresences() throws Exception {
        long owner = world.user("list-owner");
        TestGuild guild = world.guild(owner, "Large list");
        long g = guild.id();
        long c = guild.channelId();
        List<Long> m = fx.populate(guild, "member", 6);
        long mods = fx.hoistedRole(g, "mods", 2);
        long helpers = fx.hoistedRole(g, "helpers", 1);
        fx.presence(g, m.get(0), Status.ONLINE);
        fx.presence(g, m.get(1), Status.DND);

        try (GatewayClient whole = wsNode.load(m.get(5), null, 1);
             GatewayClient windows = wsNode.load(m.get(4), null, 1)) {
            ListClient all = new ListClient(List.of(new int[] {0, 99}));
            ListClient some = new ListClient(List.of(new int[] {1, 3}, new int[] {6, 8}));
            subscribe(whole, g, c, all.ranges());
            JsonNode first = nextListUpdate(whole);
            assertThat(first.path("id").asString()).isEqualTo(ListIds.EVERYONE);
            assertThat(first.path("guild_id").asString()).isEqualTo(Long.toString(g));
            assertThat(first.path("ops").get(0).path("op").asString()).isEqualTo("SYNC");
            all.apply(first);
            subscribe(windows, g, c, some.ranges());
            some.apply(nextListUpdate(windows));
            converge(g, c, whole, all, windows, some);

            fx.presence(g, m.get(2), Status.ONLINE);
            converge(g, c, whole, all, windows, some);
            fx.grant(g, m.get(2), mods);
            converge(g, c, whole, all, windows, some);
            fx.grant(g, m.get(3), helpers);
            fx.presence(g, m.get(3), Status.IDLE);
            converge(g, c, whole, all, windows, some);
            resync(g, c, whole, all, windows, some);

            fx.nick(g, m.get(2), "aaa first");
            fx.nick(g, m.get(0), "zzz last");
            converge(g, c, whole, all, windows, some);
            long newcomer = world.user("newcomer");
            fx.presence(g, newcomer, Status.ONLINE);
            fx.join(g, newcomer);
            converge(g, c, whole, all, windows, some);
            fx.leave(g, m.get(1));
            converge(g, c, whole, all, windows, some);
            resync(g, c, whole, all, windows, some);

            fx.presence(g, m.get(2), Status.OFFLINE);
            converge(g, c, whole, all, windows, some);
            fx.updateRole(g, helpers, 3, true);
            converge(g, c, whole, all, windows, some);
            fx.revoke(g, m.get(3), helpers);
            fx.grant(g, newcomer, mods);
            converge(g, c, whole, all, windows, some);
            resync(g, c, whole, all, windows, some);

            // The counts and groups of the last answer match the recomputation too.
            subscribe(whole, g, c, all.ranges());
            JsonNode last = nextListUpdate(whole);
            while (!last.path("ops").get(last.path("ops").size() - 1).path("op").asString().equals("SYNC")) last = nextListUpdate(whole);
            List<String> expected = fx.expected(g, c);
            List<String> groups = new ArrayList<>();
            for (JsonNode grp : last.path("groups")) groups.add("#" + grp.path("id").asString() + ":" + grp.path("count").asInt());
            assertThat(groups).isEqualTo(expected.stream().filter(t -> t.startsWith("#")).toList());
            assertThat(last.path("member_count").asInt()).isEqualTo(expected.stream().filter(t -> !t.startsWith("#")).count());
            assertThat(last.path("online_count").asInt())
                    .isEqualTo(expected.stream().filter(t -> !t.startsWith("#") && !t.contains(":offline:")).count());

            // One list held for both sessions, which the operator sees.
            assertThat(NodeMetrics.value(wsNode.node(), "gateway_member_lists")).isGreaterThanOrEqualTo(1);
            assertThat(NodeMetrics.value(wsNode.node(), "gateway_member_list_subscriptions")).isGreaterThanOrEqualTo(2);
            assertThat(NodeMetrics.value(wsNode.node(), "gateway_member_list_ops_total{op=\"INSERT\"}")).isPositive();
        }
    }

    @Test
    void channelsWithTheSameViewOverwritesShareAListAndAVisibilityChangeMovesSubscribersToTheOtherList() throws Exception {
        long owner = world.user("visibility-owner");
        TestGuild guild = world.guild(owner, "Visibility");
        long g = guild.id();
        List<Long> m = fx.populate(guild, "viewer", 6);
        long staffOnly = world.hiddenChannel(g);
        long alsoStaffOnly = world.hiddenChannel(g);
        long staff = world.roleSeeing(g, staffOnly);
        AccessEdits edits = wsNode.edits();
        edits.setOverwrites(alsoStaffOnly, List.of(new Overwrite(g, Overwrite.ROLE, 0, Permission.VIEW_CHANNEL),
                new Overwrite(staff, Overwrite.ROLE, Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES, 0)));
        world.grantRole(g, m.get(0), staff);

        try (GatewayClient client = wsNode.load(owner, null, 1)) {
            client.send(14, Map.of("guild_id", Long.toString(g), "channels", Map.of(
                    Long.toString(staffOnly), List.of(List.of(0, 99)), Long.toString(alsoStaffOnly), List.of(List.of(0, 99)))));
            JsonNode sync = nextListUpdate(client);
            String staffList = sync.path("id").asString();
            assertThat(staffList).isNotEqualTo(ListIds.EVERYONE);
            ListClient copy = new ListClient(List.of(new int[] {0, 99}));
            copy.apply(sync);
            assertThat(LargeGuildFixture.tokens(copy).values()).containsExactlyElementsOf(fx.expected(g, staffOnly));
            // One list for both channels: the next frame is the marker, not a second list.
            world.publish(NODE_ID, AccessEdits.marker("one list", owner));
            assertThat(client.nextDispatch("USER_UPDATE")).isNotNull();

            // Losing the role takes the member out of the staff list.
            fx.revoke(g, m.get(0), staff);
            fx.converge(client, copy, g, staffOnly);

            // One channel opens up: its subscribers get the "everyone" list, the other keeps the staff list.
            edits.setOverwrites(alsoStaffOnly, List.of());
            fx.publish(AccessEdits.channelEvent("CHANNEL_UPDATE", g, alsoStaffOnly, edits.channelPayload(alsoStaffOnly)));
            JsonNode everyone = nextListUpdate(client);
            assertThat(everyone.path("id").asString()).isEqualTo(ListIds.EVERYONE);
            assertThat(everyone.path("ops").get(0).path("op").asString()).isEqualTo("SYNC");

            // The other opens up too: the staff list is dropped with an INVALIDATE of the range held.
            edits.setOverwrites(staffOnly, List.of());
            fx.publish(AccessEdits.channelEvent("CHANNEL_UPDATE", g, staffOnly, edits.channelPayload(staffOnly)));
            JsonNode dropped = nextListUpdate(client);
            assertThat(dropped.path("id").asString()).isEqualTo(staffList);
            assertThat(dropped.path("ops").get(0).path("op").asString()).isEqualTo("INVALIDATE");
            assertThat(dropped.path("ops").get(0).path("range").toString()).isEqualTo("[0,99]");
            world.publish(NODE_ID, AccessEdits.marker("after", owner));
            assertThat(client.nextDispatch("USER_UPDATE")).isNotNull();
        }
    }

    private static void converge(long g, long c, GatewayClient a, ListClient ca, GatewayClient b, ListClient cb) throws InterruptedException {
        fx.converge(a, ca, g, c);
        fx.converge(b, cb, g, c);
    }

    private static void resync(long g, long c, GatewayClient a, ListClient ca, GatewayClient b, ListClient cb) throws InterruptedException {
        resyncAndCompare(a, ca, g, c);
        resyncAndCompare(b, cb, g, c);
    }
}
