package io.concord.ws.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** USER_UPDATE is published with guild 0 and reaches exactly the named users' sessions, whatever their intents. */
class UserUpdateDeliveryTest {
    private static final int NODE_ID = 716;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();

    @Test
    void aUserUpdateReachesEverySessionOfThatUserAndNoOtherUser() throws Exception {
        long renamed = world.user("renamed");
        long guildmate = world.user("guildmate");
        TestGuild guild = world.guild(renamed, "Shared");
        world.join(guild.id(), guildmate);
        try (GatewayClient userClient = wsNode.load(renamed, null, 1);
             GatewayClient noIntents = wsNode.load(renamed, 0, 1);
             GatewayClient mate = wsNode.load(guildmate, null, 1)) {
            String user = "{\"id\":\"%d\",\"username\":\"new-name\",\"discriminator\":\"0\"}".formatted(renamed);
            world.publish(NODE_ID, new GuildEvent("USER_UPDATE", 0, 0, List.of(renamed), user));
            world.publish(NODE_ID, new GuildEvent("GUILD_UPDATE", guild.id(), 0, List.of(), "{\"id\":\"" + guild.id() + "\"}"));

            assertThat(userClient.nextDispatch("USER_UPDATE").path("d").path("username").asString()).isEqualTo("new-name");
            assertThat(noIntents.nextDispatch("USER_UPDATE").path("d").path("id").asString()).isEqualTo(Long.toString(renamed));
            assertThat(mate.nextDispatch("GUILD_UPDATE")).as("another user's USER_UPDATE is not theirs").isNotNull();
        }
    }
}
