package io.concord.ws.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.WsNode;
import io.concord.ws.session.Intents;
import io.concord.ws.support.AccessEdits;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.Sessions;
import io.concord.ws.support.TestNodes;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.util.List;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Channel-scoped events reach only members who may view the channel, whatever their intents. */
class ChannelScopedViewTest {
    private static final int NODE_ID = 711;
    private static final List<String> CHANNEL_SCOPED = List.of("CHANNEL_PINS_UPDATE", "MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE",
            "MESSAGE_DELETE_BULK", "MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE", "MESSAGE_REACTION_REMOVE_ALL",
            "MESSAGE_REACTION_REMOVE_EMOJI", "TYPING_START", "INVITE_CREATE", "INVITE_DELETE");
    private static WsNode node;
    private static TestWorld world;
    private static WebSocketClient ws;

    @BeforeAll
    static void start() throws Exception {
        world = new TestWorld(NODE_ID);
        node = TestNodes.start(NODE_ID);
        ws = new WebSocketClient();
        ws.start();
    }

    @AfterAll
    static void stop() throws Exception {
        ws.stop();
        node.close();
        world.close();
    }

    @Test
    void eventsOfAHiddenChannelReachOnlyItsViewers() throws Exception {
        long owner = world.user("scoped-owner");
        long member = world.user("scoped-member");
        long bot = world.user("scoped-bot", true);
        long staff = world.user("scoped-staff");
        TestGuild guild = world.guild(owner, "Scoped");
        long hidden = world.hiddenChannel(guild.id());
        long role = world.roleSeeing(guild.id(), hidden);
        world.join(guild.id(), member);
        world.join(guild.id(), bot);
        world.join(guild.id(), staff);
        world.grantRole(guild.id(), staff, role);
        try (GatewayClient ownerClient = Sessions.load(ws, node, world, owner, null, 1);
             GatewayClient memberClient = Sessions.load(ws, node, world, member, null, 1);
             GatewayClient botClient = Sessions.load(ws, node, world, bot, Intents.KNOWN, 1);
             GatewayClient staffClient = Sessions.load(ws, node, world, staff, null, 1)) {
            for (String type : CHANNEL_SCOPED) {
                String payload = type.startsWith("MESSAGE_CREATE") || type.equals("MESSAGE_UPDATE")
                        ? TestWorld.message(world.id(), hidden, guild.id(), owner, "hidden")
                        : "{\"channel_id\":\"%d\",\"guild_id\":\"%d\"}".formatted(hidden, guild.id());
                world.publish(NODE_ID, new GuildEvent(type, guild.id(), hidden, List.of(), payload));
                world.publish(NODE_ID, AccessEdits.marker("after " + type, owner, member, bot, staff));

                for (GatewayClient viewer : List.of(ownerClient, staffClient)) {
                    assertThat(viewer.nextDispatch(type).path("d").path("channel_id").asString()).isEqualTo(Long.toString(hidden));
                    assertThat(viewer.nextDispatch("USER_UPDATE")).isNotNull();
                }
                for (GatewayClient outsider : List.of(memberClient, botClient)) {
                    assertThat(outsider.nextDispatch("USER_UPDATE").path("d").path("username").asString()).as(type).isEqualTo("after " + type);
                }
            }
        }
    }
}
