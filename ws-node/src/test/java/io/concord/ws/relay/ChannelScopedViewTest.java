package io.concord.ws.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.session.Intents;
import io.concord.ws.support.AccessEdits;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Channel-scoped events reach only members who may view the channel, whatever their intents. */
class ChannelScopedViewTest {
    private static final int NODE_ID = 711;
    private static final List<String> CHANNEL_SCOPED = List.of("CHANNEL_PINS_UPDATE", "MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE",
            "MESSAGE_DELETE_BULK", "MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE", "MESSAGE_REACTION_REMOVE_ALL",
            "MESSAGE_REACTION_REMOVE_EMOJI", "TYPING_START", "INVITE_CREATE", "INVITE_DELETE");
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();

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
        try (GatewayClient ownerClient = wsNode.load(owner, null, 1);
             GatewayClient memberClient = wsNode.load(member, null, 1);
             GatewayClient botClient = wsNode.load(bot, Intents.KNOWN, 1);
             GatewayClient staffClient = wsNode.load(staff, null, 1)) {
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
