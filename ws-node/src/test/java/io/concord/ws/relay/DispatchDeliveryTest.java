package io.concord.ws.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class DispatchDeliveryTest {
    private static final int NODE_ID = 703;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();

    @Test
    void aRelayedMessageArrivesWithTheNextSequenceNumber() throws Exception {
        long owner = world.user("poster");
        TestGuild guild = world.guild(owner, "Chat");
        try (GatewayClient client = wsNode.load(owner, null, 1)) {
            wsNode.publishMessage(guild, guild.channelId(), owner, "hello gateway");
            JsonNode message = client.nextDispatch("MESSAGE_CREATE");
            assertThat(message.path("s").asLong()).isEqualTo(3);
            assertThat(message.path("d").path("content").asString()).isEqualTo("hello gateway");
            assertThat(message.path("d").path("channel_id").asString()).isEqualTo(Long.toString(guild.channelId()));

            wsNode.publishMessage(guild, guild.channelId(), owner, "second");
            assertThat(client.nextDispatch("MESSAGE_CREATE").path("s").asLong()).isEqualTo(4);
        }
    }

    @Test
    void aChannelHiddenByAnOverwriteIsNotDeliveredToAMemberButIsToTheOwner() throws Exception {
        long owner = world.user("staff-owner");
        long member = world.user("regular");
        TestGuild guild = world.guild(owner, "Private bits");
        long hidden = world.hiddenChannel(guild.id());
        world.join(guild.id(), member);
        try (GatewayClient ownerClient = wsNode.load(owner, null, 1);
             GatewayClient memberClient = wsNode.load(member, null, 1)) {
            wsNode.publishMessage(guild, hidden, owner, "secret");
            wsNode.publishMessage(guild, guild.channelId(), owner, "public");

            assertThat(memberClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("public");
            assertThat(ownerClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("secret");
            assertThat(ownerClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("public");
        }
    }

    @Test
    void aNonMemberNeverReceivesTheGuildsEvents() throws Exception {
        long owner = world.user("host");
        long outsider = world.user("outsider");
        TestGuild guild = world.guild(owner, "Members only");
        TestGuild outsidersOwn = world.guild(outsider, "Elsewhere");
        try (GatewayClient host = wsNode.load(owner, null, 1);
             GatewayClient stranger = wsNode.load(outsider, null, 1)) {
            wsNode.publishMessage(guild, guild.channelId(), owner, "members only");
            world.publish(NODE_ID, new GuildEvent("GUILD_UPDATE", guild.id(), 0, List.of(), "{\"id\":\"" + guild.id() + "\"}"));
            wsNode.publishMessage(outsidersOwn, outsidersOwn.channelId(), outsider, "own guild");

            assertThat(host.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("members only");
            assertThat(host.nextDispatch("GUILD_UPDATE")).isNotNull();
            assertThat(stranger.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("own guild");
        }
    }

    @Test
    void aMemberAddForAConnectedUserSendsThemTheGuildAndItsLaterEvents() throws Exception {
        long owner = world.user("inviter");
        long joiner = world.user("joiner");
        TestGuild guild = world.guild(owner, "Welcoming");
        try (GatewayClient ownerClient = wsNode.load(owner, null, 1);
             GatewayClient joinerClient = wsNode.load(joiner, null, 0)) {
            world.join(guild.id(), joiner);
            String member = "{\"guild_id\":\"%d\",\"user\":{\"id\":\"%d\",\"username\":\"joiner\"},\"roles\":[],\"joined_at\":\"2026-01-01T00:00:00+00:00\"}"
                    .formatted(guild.id(), joiner);
            world.publish(NODE_ID, new GuildEvent("GUILD_MEMBER_ADD", guild.id(), 0, List.of(joiner), member));

            JsonNode create = joinerClient.nextDispatch("GUILD_CREATE");
            assertThat(create.path("s").asLong()).isEqualTo(2);
            assertThat(create.path("d").path("id").asString()).isEqualTo(Long.toString(guild.id()));
            assertThat(create.path("d").path("member_count").asInt()).isEqualTo(2);
            assertThat(joinerClient.nextDispatch("GUILD_MEMBER_ADD").path("d").path("user").path("id").asString())
                    .isEqualTo(Long.toString(joiner));
            assertThat(ownerClient.nextDispatch("GUILD_MEMBER_ADD")).isNotNull();

            wsNode.publishMessage(guild, guild.channelId(), owner, "welcome!");
            assertThat(joinerClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("welcome!");
        }
    }

    @Test
    void declaredIntentsFilterEventsAndUndeclaredIntentsGetEverything() throws Exception {
        long owner = world.user("bot-owner");
        long bot = world.user("guilds-only-bot", true);
        TestGuild guild = world.guild(owner, "Intents");
        world.join(guild.id(), bot);
        try (GatewayClient guildsOnly = wsNode.load(bot, 1, 1);
             GatewayClient user = wsNode.load(owner, null, 1)) {
            wsNode.publishMessage(guild, guild.channelId(), owner, "not for GUILDS-only bots");
            world.publish(NODE_ID, new GuildEvent("TYPING_START", guild.id(), guild.channelId(), List.of(), "{}"));
            world.publish(NODE_ID, new GuildEvent("GUILD_UPDATE", guild.id(), 0, List.of(), "{\"id\":\"" + guild.id() + "\"}"));

            assertThat(guildsOnly.nextDispatch("GUILD_UPDATE").path("s").asLong()).isEqualTo(3);
            assertThat(user.nextDispatch("MESSAGE_CREATE")).isNotNull();
            assertThat(user.nextDispatch("TYPING_START")).isNotNull();
            assertThat(user.nextDispatch("GUILD_UPDATE")).isNotNull();
            assertThat(guildsOnly.hasNoFrameWithin(Duration.ofMillis(200))).isTrue();
        }
    }

    @Test
    void relayedAccessChangesDropCachedPermissionsSoTheNextEventUsesTheNewOnes() throws Exception {
        long owner = world.user("admin");
        long member = world.user("promoted");
        TestGuild guild = world.guild(owner, "Changing");
        long staff = world.hiddenChannel(guild.id());
        long role = world.roleSeeing(guild.id(), staff);
        world.join(guild.id(), member);
        String update = "{\"guild_id\":\"%d\",\"user\":{\"id\":\"%d\",\"username\":\"promoted\"},\"roles\":[\"%d\"]}"
                .formatted(guild.id(), member, role);
        try (GatewayClient client = wsNode.load(member, null, 1)) {
            wsNode.publishMessage(guild, staff, owner, "before the role");
            wsNode.publishMessage(guild, guild.channelId(), owner, "general 1");
            assertThat(client.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("general 1");

            world.grantRole(guild.id(), member, role);
            world.publish(NODE_ID, new GuildEvent("GUILD_MEMBER_UPDATE", guild.id(), 0, List.of(), update));
            wsNode.publishMessage(guild, staff, owner, "after the role");
            assertThat(client.nextDispatch("GUILD_MEMBER_UPDATE")).isNotNull();
            assertThat(client.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("after the role");

            world.hide(guild.id(), guild.channelId());
            world.publish(NODE_ID, new GuildEvent("CHANNEL_UPDATE", guild.id(), 0, List.of(), "{\"id\":\"" + guild.channelId() + "\"}"));
            wsNode.publishMessage(guild, guild.channelId(), owner, "general 2");
            wsNode.publishMessage(guild, staff, owner, "staff only");
            // the member lost general, so the update reaches it as a delete
            assertThat(client.nextDispatch("CHANNEL_DELETE")).isNotNull();
            assertThat(client.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("staff only");
        }
    }
}
