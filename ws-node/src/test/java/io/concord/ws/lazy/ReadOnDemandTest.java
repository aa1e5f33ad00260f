package io.concord.ws.lazy;

import static io.concord.ws.lazy.LargeGuildFixture.nextListUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.common.model.Channel;
import io.concord.common.model.ChannelType;
import io.concord.ws.support.AccessEdits;
import io.concord.ws.support.GatewayClient;
import io.concord.common.test.ManualClock;
import io.concord.ws.support.NodeMetrics;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Read-on-demand in a large guild: a user session gets MESSAGE_CREATE and the other channel events only
 * for channels it subscribed to (op 14) and for messages that mention it; for the rest, coalesced
 * CHANNEL_UNREAD_UPDATE hints, at most one per guild per interval (on the node's clock). Bots get every
 * message they may see.
 */
class ReadOnDemandTest {
    private static final int NODE_ID = 803;
    private static final long GUILDS = 1, GUILD_MESSAGES = 1 << 9;
    private static final ManualClock clock = ManualClock.now();
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID, Map.of("LARGE_GUILD_MEMBERS", "5",
            "LARGE_GUILD_UNREAD_HINT_INTERVAL_MS", "5000", "MEMBER_LIST_FLUSH_INTERVAL_MS", "50"), clock);
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
    void passiveSessionsGetHintsAndMentionsButNoOtherMessagesWhileSubscribersAndBotsGetTheirs() throws Exception {
        long owner = world.user("rod-owner");
        TestGuild guild = world.guild(owner, "Read on demand");
        long g = guild.id();
        long general = guild.channelId();
        long other = world.id();
        world.channels.insert(new Channel(other, ChannelType.GUILD_TEXT, g, "other", 1, null, null, false, 0, List.of()));
        List<Long> m = fx.populate(guild, "reader", 5);
        long passiveUser = m.get(0);
        long subscriberUser = m.get(1);
        long pinged = world.roleSeeing(g, general);
        world.grantRole(g, passiveUser, pinged);
        LargeGuildFixture.Bot bot = fx.bot("rod-bot");
        world.join(g, bot.id());

        try (GatewayClient passive = wsNode.load(passiveUser, null, 1);
             GatewayClient subscriber = wsNode.load(subscriberUser, null, 1);
             GatewayClient botClient = wsNode.connect()) {
            botClient.identify(bot.token(), GUILDS | GUILD_MESSAGES);
            assertThat(botClient.nextDispatch("GUILD_CREATE").path("d").path("large").asBoolean()).isTrue();
            LargeGuildFixture.subscribe(subscriber, g, general, List.<int[]>of(new int[] {0, 99}));
            assertThat(nextListUpdate(subscriber).path("ops").get(0).path("op").asString()).isEqualTo("SYNC");

            long m1 = fx.message(g, general, owner, "plain", List.of(), List.of(), false);
            fx.publish(new GuildEvent("TYPING_START", g, general, List.of(),
                    "{\"channel_id\":\"%d\",\"guild_id\":\"%d\",\"user_id\":\"%d\",\"timestamp\":1}".formatted(general, g, owner)));
            marker("first", passiveUser, subscriberUser, bot.id());

            assertThat(content(subscriber.nextDispatch("MESSAGE_CREATE"))).isEqualTo("plain");
            assertThat(subscriber.nextDispatch("TYPING_START")).isNotNull();
            assertThat(subscriber.nextDispatch("USER_UPDATE")).isNotNull();
            assertThat(botClient.nextDispatch("MESSAGE_CREATE").path("d").path("id").asString()).isEqualTo(Long.toString(m1));
            assertThat(botClient.nextDispatch("USER_UPDATE")).isNotNull();
            // The passive session: no message, no typing; its first hint goes out at once (the frame order
            // against the marker is the flush's).
            List<JsonNode> frames = untilSeen(passive, "USER_UPDATE", "CHANNEL_UNREAD_UPDATE");
            assertThat(types(frames)).containsExactlyInAnyOrder("USER_UPDATE", "CHANNEL_UNREAD_UPDATE");
            JsonNode hint = frames.stream().filter(f -> f.path("t").asString().equals("CHANNEL_UNREAD_UPDATE")).findFirst().orElseThrow().path("d");
            assertThat(hint.path("guild_id").asString()).isEqualTo(Long.toString(g));
            assertThat(unread(hint)).containsExactly(general + "=" + m1);

            // Within the hint interval (the clock stands still): mentions arrive, the rest waits for the next hint.
            long m2 = fx.message(g, general, owner, "you", List.of(passiveUser), List.of(), false);
            long m3 = fx.message(g, general, owner, "your role", List.of(), List.of(pinged), false);
            long m4 = fx.message(g, general, owner, "everyone", List.of(), List.of(), true);
            long m5 = fx.message(g, other, owner, "elsewhere", List.of(), List.of(), false);
            long m6 = fx.message(g, general, owner, "plain again", List.of(), List.of(), false);
            marker("second", passiveUser, subscriberUser, bot.id());

            assertThat(ids(untilSeen(passive, "USER_UPDATE"))).containsExactly(m2, m3, m4);
            List<JsonNode> subscriberFrames = untilSeen(subscriber, "USER_UPDATE");
            assertThat(ids(subscriberFrames)).containsExactly(m2, m3, m4, m6);
            assertThat(ids(untilSeen(botClient, "USER_UPDATE"))).containsExactly(m2, m3, m4, m5, m6);

            // The interval passes: one hint with both channels, each at its last unread message.
            clock.advance(Duration.ofMillis(5000));
            JsonNode coalesced = passive.nextDispatch("CHANNEL_UNREAD_UPDATE").path("d");
            assertThat(unread(coalesced)).containsExactlyInAnyOrder(general + "=" + m6, other + "=" + m5);
            marker("third", passiveUser);
            assertThat(passive.nextDispatch("USER_UPDATE")).isNotNull();
            // The subscriber was hinted the channel it does not watch.
            List<String> subscriberHints = new ArrayList<>();
            subscriberFrames.stream().filter(f -> f.path("t").asString().equals("CHANNEL_UNREAD_UPDATE")).forEach(f -> subscriberHints.addAll(unread(f.path("d"))));
            if (subscriberHints.isEmpty()) subscriberHints.addAll(unread(subscriber.nextDispatch("CHANNEL_UNREAD_UPDATE").path("d")));
            assertThat(subscriberHints).containsExactly(other + "=" + m5);
            assertThat(NodeMetrics.value(wsNode.node(), "gateway_unread_hints_total")).isGreaterThanOrEqualTo(3);
            assertThat(NodeMetrics.value(wsNode.node(), "gateway_read_on_demand_withheld_total")).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void aGuildAtTheLimitKeepsDeliveringEveryMessage() throws Exception {
        long owner = world.user("small-owner");
        TestGuild guild = world.guild(owner, "Small");
        List<Long> m = fx.populate(guild, "small", 4); // 5 members: not past LARGE_GUILD_MEMBERS
        try (GatewayClient client = wsNode.load(m.get(0), null, 1)) {
            fx.message(guild.id(), guild.channelId(), owner, "for all", List.of(), List.of(), false);
            assertThat(content(client.nextDispatch("MESSAGE_CREATE"))).isEqualTo("for all");
        }
    }

    @Test
    void aSubscriptionToAnotherChannelMovesWhatIsDelivered() throws Exception {
        long owner = world.user("mover-owner");
        TestGuild guild = world.guild(owner, "Moving");
        long g = guild.id();
        long other = world.id();
        world.channels.insert(new Channel(other, ChannelType.GUILD_TEXT, g, "other", 1, null, null, false, 0, List.of()));
        List<Long> m = fx.populate(guild, "mover", 5);
        try (GatewayClient client = wsNode.load(m.get(0), null, 1)) {
            // The SYNC answering each op 14 says the subscription is in place.
            LargeGuildFixture.subscribe(client, g, other, List.<int[]>of(new int[] {0, 99}));
            nextListUpdate(client);
            fx.message(g, other, owner, "now watched", List.of(), List.of(), false);
            assertThat(content(client.nextDispatch("MESSAGE_CREATE"))).isEqualTo("now watched");
            LargeGuildFixture.subscribe(client, g, guild.channelId(), List.<int[]>of(new int[] {0, 99}));
            nextListUpdate(client);
            fx.message(g, other, owner, "no longer", List.of(), List.of(), false);
            fx.message(g, guild.channelId(), owner, "watched instead", List.of(), List.of(), false);
            List<JsonNode> frames = untilSeen(client, "MESSAGE_CREATE");
            assertThat(content(frames.getLast())).isEqualTo("watched instead");
            assertThat(frames.stream().filter(f -> f.path("t").asString().equals("MESSAGE_CREATE")).count()).isEqualTo(1);
        }
    }

    @Test
    void aUserWhoJoinsALargeGuildWhileConnectedReceivesItReadOnDemand() throws Exception {
        long owner = world.user("join-owner");
        TestGuild guild = world.guild(owner, "Joined while connected");
        fx.populate(guild, "joined", 5);
        long joiner = world.user("joiner");
        try (GatewayClient client = wsNode.load(joiner, null, 0)) {
            fx.join(guild.id(), joiner);
            assertThat(client.nextDispatch("GUILD_CREATE").path("d").path("large").asBoolean()).isTrue();
            long unread = fx.message(guild.id(), guild.channelId(), owner, "not for the joiner", List.of(), List.of(), false);
            marker("joined", joiner);
            List<JsonNode> frames = untilSeen(client, "USER_UPDATE", "CHANNEL_UNREAD_UPDATE");
            assertThat(types(frames)).doesNotContain("MESSAGE_CREATE");
            JsonNode hint = frames.stream().filter(f -> f.path("t").asString().equals("CHANNEL_UNREAD_UPDATE")).findFirst().orElseThrow();
            assertThat(unread(hint.path("d"))).containsExactly(guild.channelId() + "=" + unread);
        }
    }

    private static void marker(String name, Long... users) {
        world.publish(NODE_ID, AccessEdits.marker(name, users));
    }

    /** Frames until one of each given type has been read (in any order), all returned. */
    private static List<JsonNode> untilSeen(GatewayClient client, String... types) throws InterruptedException {
        List<String> wanted = new ArrayList<>(List.of(types));
        List<JsonNode> frames = new ArrayList<>();
        while (!wanted.isEmpty()) {
            JsonNode f = client.next();
            frames.add(f);
            wanted.remove(f.path("t").asString());
        }
        return frames;
    }

    private static List<String> types(List<JsonNode> frames) {
        return frames.stream().map(f -> f.path("t").asString()).toList();
    }

    private static List<Long> ids(List<JsonNode> frames) {
        return frames.stream().filter(f -> f.path("t").asString().equals("MESSAGE_CREATE"))
                .map(f -> Long.parseLong(f.path("d").path("id").asString())).toList();
    }

    private static List<String> unread(JsonNode hint) {
        List<String> out = new ArrayList<>();
        for (JsonNode u : hint.path("channel_unread_updates")) out.add(u.path("id").asString() + "=" + u.path("last_message_id").asString());
        return out;
    }

    private static String content(JsonNode frame) {
        return frame.path("d").path("content").asString();
    }
}
