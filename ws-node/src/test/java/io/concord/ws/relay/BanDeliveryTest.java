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

/**
 * A ban as the api-node publishes it (GUILD_MEMBER_REMOVE addressed to the banned user, then
 * GUILD_BAN_ADD): the banned user's sessions lose the guild and hear nothing of the ban; the others
 * hear the removal with GUILD_MEMBERS and the ban only with GUILD_MODERATION.
 */
class BanDeliveryTest {
    private static final int NODE_ID = 880;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();
    private static final AccessEdits edits = wsNode.edits();

    @Test
    void theBannedUserGetsGuildDeleteAndOnlyModerationSessionsGetTheBan() throws Exception {
        long owner = world.user("ban-owner");
        long banned = world.user("banned");
        long moderationBot = world.user("moderation-bot", true);
        long membersBot = world.user("members-only-bot", true);
        TestGuild guild = world.guild(owner, "Banning");
        for (long u : List.of(banned, moderationBot, membersBot)) world.join(guild.id(), u);
        String user = "{\"guild_id\":\"%d\",\"user\":{\"id\":\"%d\",\"username\":\"banned\"}}".formatted(guild.id(), banned);
        try (GatewayClient bannedClient = wsNode.load(banned, null, 1);
             GatewayClient moderation = wsNode.load(moderationBot, Intents.GUILDS | Intents.GUILD_MEMBERS | Intents.GUILD_MODERATION, 1);
             GatewayClient membersOnly = wsNode.load(membersBot, Intents.GUILDS | Intents.GUILD_MEMBERS, 1)) {
            edits.removeMember(guild.id(), banned);
            world.publish(NODE_ID, new GuildEvent("GUILD_MEMBER_REMOVE", guild.id(), 0, List.of(banned), user));
            world.publish(NODE_ID, new GuildEvent("GUILD_BAN_ADD", guild.id(), 0, List.of(), user));
            world.publish(NODE_ID, AccessEdits.marker("marker", banned, moderationBot, membersBot));

            assertThat(bannedClient.nextDispatch("GUILD_DELETE").path("d").path("id").asString()).isEqualTo(Long.toString(guild.id()));
            assertThat(bannedClient.nextDispatch("USER_UPDATE")).as("no GUILD_BAN_ADD for the banned user").isNotNull();
            assertThat(moderation.nextDispatch("GUILD_MEMBER_REMOVE").path("d").path("user").path("id").asString())
                    .isEqualTo(Long.toString(banned));
            assertThat(moderation.nextDispatch("GUILD_BAN_ADD").path("d").path("guild_id").asString()).isEqualTo(Long.toString(guild.id()));
            assertThat(moderation.nextDispatch("USER_UPDATE")).isNotNull();
            assertThat(membersOnly.nextDispatch("GUILD_MEMBER_REMOVE")).isNotNull();
            assertThat(membersOnly.nextDispatch("USER_UPDATE")).as("no GUILD_BAN_ADD without GUILD_MODERATION").isNotNull();
        }
    }
}
