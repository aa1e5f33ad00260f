package io.concord.ws.lazy;

import static io.concord.ws.lazy.LargeGuildFixture.nextListUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.support.AccessEdits;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.GatewayClient.Closed;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** op 14 and op 37 are validated: malformed or unbounded payloads close 4002; guilds and channels the session may not see are ignored. */
class GuildSubscriptionsRequestTest {
    private static final int NODE_ID = 802;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID, Map.of("LARGE_GUILD_MEMBERS", "5"), Clock.systemUTC());
    private static final TestWorld world = wsNode.world();

    @Test
    void subscriptionsBeforeIdentifyClose4003() throws Exception {
        for (int op : new int[] {14, 37}) {
            try (GatewayClient client = wsNode.connect()) {
                assertThat(client.next().path("op").asInt()).isEqualTo(10);
                client.send("{\"op\":" + op + ",\"d\":{\"guild_id\":\"1\"}}");
                assertThat(client.awaitClose()).isEqualTo(new Closed(4003, "Not authenticated"));
            }
        }
    }

    @Test
    void malformedOrUnboundedSubscriptionsClose4002() throws Exception {
        String ranges6 = "[[0,9],[10,19],[20,29],[30,39],[40,49],[50,59]]";
        List<String> channels11 = new ArrayList<>();
        for (int i = 1; i <= 11; i++) channels11.add("\"" + i + "\":[[0,99]]");
        String[] payloads = {
                "{\"op\":14,\"d\":null}",
                "{\"op\":14,\"d\":[]}",
                "{\"op\":14,\"d\":{\"channels\":{}}}",
                "{\"op\":14,\"d\":{\"guild_id\":\"abc\"}}",
                "{\"op\":14,\"d\":{\"guild_id\":\"1\",\"channels\":[]}}",
                "{\"op\":14,\"d\":{\"guild_id\":\"1\",\"channels\":{\"x\":[[0,99]]}}}",
                "{\"op\":14,\"d\":{\"guild_id\":\"1\",\"channels\":{\"2\":[[0,99,1]]}}}",
                "{\"op\":14,\"d\":{\"guild_id\":\"1\",\"channels\":{\"2\":[[5,4]]}}}",
                "{\"op\":14,\"d\":{\"guild_id\":\"1\",\"channels\":{\"2\":[[-1,50]]}}}",
                "{\"op\":14,\"d\":{\"guild_id\":\"1\",\"channels\":{\"2\":[[0,100]]}}}",
                "{\"op\":14,\"d\":{\"guild_id\":\"1\",\"channels\":{\"2\":[[0,\"99\"]]}}}",
                "{\"op\":14,\"d\":{\"guild_id\":\"1\",\"channels\":{\"2\":" + ranges6 + "}}}",
                "{\"op\":14,\"d\":{\"guild_id\":\"1\",\"channels\":{" + String.join(",", channels11) + "}}}",
                "{\"op\":14,\"d\":{\"guild_id\":\"1\",\"typing\":\"yes\"}}",
                "{\"op\":14,\"d\":{\"guild_id\":\"1\",\"members\":[\"x\"]}}",
                "{\"op\":37,\"d\":{}}",
                "{\"op\":37,\"d\":{\"subscriptions\":[]}}",
                "{\"op\":37,\"d\":{\"subscriptions\":{\"x\":{}}}}",
                "{\"op\":37,\"d\":{\"subscriptions\":{\"1\":{\"channels\":{\"2\":[[9,0]]}}}}}",
        };
        for (String payload : payloads) {
            try (GatewayClient client = wsNode.connect()) {
                client.identify(world.token(world.user("malformed")), null);
                client.send(payload);
                assertThat(client.awaitClose().code()).as(payload).isEqualTo(4002);
            }
        }
    }

    @Test
    void guildsNotHeldChannelsOfOtherGuildsAndChannelsNotVisibleAreIgnored() throws Exception {
        long owner = world.user("ignorer-owner");
        TestGuild guild = world.guild(owner, "Mine");
        TestGuild elsewhere = world.guild(world.user("stranger"), "Not mine");
        long member = world.user("ignorer");
        world.join(guild.id(), member);
        long hidden = world.hiddenChannel(guild.id());
        try (GatewayClient client = wsNode.load(member, null, 1)) {
            client.send(14, Map.of("guild_id", Long.toString(elsewhere.id()), "channels", Map.of(Long.toString(elsewhere.channelId()), List.of(List.of(0, 99)))));
            client.send(14, Map.of("guild_id", Long.toString(guild.id()), "channels", Map.of(
                    Long.toString(elsewhere.channelId()), List.of(List.of(0, 99)), Long.toString(hidden), List.of(List.of(0, 99)))));
            // Bulk: the visible channel of the guild is answered, the other guild is not.
            client.send(37, Map.of("subscriptions", Map.of(
                    Long.toString(guild.id()), Map.of("channels", Map.of(Long.toString(guild.channelId()), List.of(List.of(0, 99)))),
                    Long.toString(elsewhere.id()), Map.of("typing", true))));
            JsonNode sync = nextListUpdate(client);
            assertThat(sync.path("guild_id").asString()).isEqualTo(Long.toString(guild.id()));
            assertThat(sync.path("id").asString()).isEqualTo(ListIds.EVERYONE);
            world.publish(NODE_ID, AccessEdits.marker("after", member));
            assertThat(client.nextDispatch("USER_UPDATE")).isNotNull();
        }
    }
}
