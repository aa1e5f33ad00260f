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
import tools.jackson.databind.JsonNode;

/** Leaving, kicks and guild deletion: who is told what, and that the guild's events stop. */
class MemberRemovalTest {
    private static final int NODE_ID = 714;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();
    private static final AccessEdits edits = wsNode.edits();

    private void publishMessage(TestGuild guild, String content) {
        wsNode.publishMessage(guild, guild.channelId(), guild.ownerId(), content);
    }

    private void publishGuildUpdate(TestGuild guild) {
        world.publish(NODE_ID, new GuildEvent("GUILD_UPDATE", guild.id(), 0, List.of(), "{\"id\":\"" + guild.id() + "\"}"));
    }

    @Test
    void theRemovedMemberGetsGuildDeleteInsteadOfTheRemovalAndNothingOfTheGuildAfterwards() throws Exception {
        long owner = world.user("kicker");
        long leaver = world.user("kicked");
        long watcher = world.user("members-bot", true);
        long blind = world.user("guilds-only-bot", true);
        TestGuild guild = world.guild(owner, "Kicking");
        TestGuild other = world.guild(owner, "Still there");
        world.join(guild.id(), leaver);
        world.join(other.id(), leaver);
        world.join(guild.id(), watcher);
        world.join(guild.id(), blind);
        try (GatewayClient ownerClient = wsNode.load(owner, null, 2);
             GatewayClient leaverClient = wsNode.load(leaver, null, 2);
             GatewayClient leaverBot = wsNode.load(leaver, Intents.GUILDS | Intents.GUILD_MESSAGES | Intents.MESSAGE_CONTENT, 2);
             GatewayClient watcherClient = wsNode.load(watcher, Intents.GUILDS | Intents.GUILD_MEMBERS, 1);
             GatewayClient blindClient = wsNode.load(blind, Intents.GUILDS, 1)) {
            edits.removeMember(guild.id(), leaver);
            world.publish(NODE_ID, new GuildEvent("GUILD_MEMBER_REMOVE", guild.id(), 0, List.of(leaver),
                    "{\"guild_id\":\"%d\",\"user\":{\"id\":\"%d\",\"username\":\"kicked\"}}".formatted(guild.id(), leaver)));
            publishMessage(guild, "after the kick");
            publishGuildUpdate(guild);
            publishMessage(other, "other guild");
            world.publish(NODE_ID, AccessEdits.marker("marker", leaver, blind));

            for (GatewayClient removed : List.of(leaverClient, leaverBot)) {
                JsonNode delete = removed.nextDispatch("GUILD_DELETE");
                assertThat(delete.path("d").path("id").asString()).isEqualTo(Long.toString(guild.id()));
                assertThat(delete.path("d").has("unavailable")).isFalse();
                assertThat(removed.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("other guild");
                assertThat(removed.nextDispatch("USER_UPDATE")).isNotNull();
            }
            assertThat(watcherClient.nextDispatch("GUILD_MEMBER_REMOVE").path("d").path("user").path("id").asString())
                    .isEqualTo(Long.toString(leaver));
            assertThat(ownerClient.nextDispatch("GUILD_MEMBER_REMOVE")).isNotNull();
            assertThat(ownerClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("after the kick");
            assertThat(blindClient.nextDispatch("GUILD_UPDATE")).as("GUILDS-only: no member removal").isNotNull();
        }
    }

    @Test
    void aDeletedGuildIsDeletedForEverySessionAndItsEventsStop() throws Exception {
        long owner = world.user("destroyer");
        long member = world.user("evicted");
        long bot = world.user("evicted-bot", true);
        TestGuild guild = world.guild(owner, "Doomed");
        world.join(guild.id(), member);
        world.join(guild.id(), bot);
        try (GatewayClient ownerClient = wsNode.load(owner, null, 1);
             GatewayClient memberClient = wsNode.load(member, null, 1);
             GatewayClient botClient = wsNode.load(bot, Intents.GUILDS | Intents.GUILD_MESSAGES, 1)) {
            edits.deleteGuild(guild.id());
            world.publish(NODE_ID, new GuildEvent("GUILD_DELETE", guild.id(), 0, List.of(), "{\"id\":\"" + guild.id() + "\"}"));
            publishGuildUpdate(guild);
            publishMessage(guild, "into the void");
            world.publish(NODE_ID, AccessEdits.marker("marker", owner, member, bot));

            for (GatewayClient client : List.of(ownerClient, memberClient, botClient)) {
                assertThat(client.nextDispatch("GUILD_DELETE").path("d").path("id").asString()).isEqualTo(Long.toString(guild.id()));
                assertThat(client.nextDispatch("USER_UPDATE")).isNotNull();
            }
        }
    }
}
