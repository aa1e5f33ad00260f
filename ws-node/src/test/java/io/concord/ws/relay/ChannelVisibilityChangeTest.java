package io.concord.ws.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.model.Channel;
import io.concord.common.model.ChannelType;
import io.concord.common.permission.Overwrite;
import io.concord.common.permission.Permission;
import io.concord.ws.support.AccessEdits;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** CHANNEL_CREATE/UPDATE/DELETE per session, by what each member could view before and can view after. */
class ChannelVisibilityChangeTest {
    private static final int NODE_ID = 713;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();
    private static final AccessEdits edits = wsNode.edits();

    private GatewayClient load(long userId) throws Exception {
        return wsNode.load(userId, null, 1);
    }

    private void publishMessage(TestGuild guild, long channelId, String content) {
        wsNode.publishMessage(guild, channelId, guild.ownerId(), content);
    }

    private void channelEvent(String type, TestGuild guild, long channelId, String payload) {
        world.publish(NODE_ID, AccessEdits.channelEvent(type, guild.id(), channelId, payload));
    }

    @Test
    void anUpdateThatHidesTheChannelIsADeleteForThoseWhoLostItAndAnUpdateForThoseWhoKeepIt() throws Exception {
        long owner = world.user("hider");
        long member = world.user("loser");
        long keeper = world.user("keeper");
        TestGuild guild = world.guild(owner, "Hiding");
        world.join(guild.id(), member);
        world.join(guild.id(), keeper);
        try (GatewayClient ownerClient = load(owner); GatewayClient memberClient = load(member); GatewayClient keeperClient = load(keeper)) {
            edits.setOverwrites(guild.channelId(), List.of(
                    new Overwrite(guild.id(), Overwrite.ROLE, 0, Permission.VIEW_CHANNEL),
                    new Overwrite(keeper, Overwrite.MEMBER, Permission.VIEW_CHANNEL, 0)));
            String payload = edits.channelPayload(guild.channelId());
            channelEvent("CHANNEL_UPDATE", guild, guild.channelId(), payload);
            publishMessage(guild, guild.channelId(), "after hiding");
            world.publish(NODE_ID, AccessEdits.marker("marker", member));

            JsonNode lost = memberClient.nextDispatch("CHANNEL_DELETE");
            assertThat(lost.path("d").path("id").asString()).isEqualTo(Long.toString(guild.channelId()));
            assertThat(lost.path("d").path("permission_overwrites")).hasSize(2);
            assertThat(memberClient.nextDispatch("USER_UPDATE")).as("no message in a channel it lost").isNotNull();

            assertThat(keeperClient.nextDispatch("CHANNEL_UPDATE").path("d").path("id").asString()).isEqualTo(Long.toString(guild.channelId()));
            assertThat(keeperClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("after hiding");
            assertThat(ownerClient.nextDispatch("CHANNEL_UPDATE")).isNotNull();
            assertThat(ownerClient.nextDispatch("MESSAGE_CREATE")).isNotNull();
        }
    }

    @Test
    void anUpdateThatRevealsTheChannelIsACreateAndItsMessagesFollow() throws Exception {
        long owner = world.user("revealer");
        long member = world.user("gainer");
        TestGuild guild = world.guild(owner, "Revealing");
        long hidden = world.hiddenChannel(guild.id());
        world.join(guild.id(), member);
        try (GatewayClient ownerClient = load(owner); GatewayClient memberClient = load(member)) {
            publishMessage(guild, hidden, "before");
            publishMessage(guild, guild.channelId(), "general");
            assertThat(memberClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("general");

            edits.setOverwrites(hidden, List.of(
                    new Overwrite(guild.id(), Overwrite.ROLE, 0, Permission.VIEW_CHANNEL),
                    new Overwrite(member, Overwrite.MEMBER, Permission.VIEW_CHANNEL, 0)));
            channelEvent("CHANNEL_UPDATE", guild, hidden, edits.channelPayload(hidden));
            publishMessage(guild, hidden, "after");

            JsonNode gained = memberClient.nextDispatch("CHANNEL_CREATE");
            assertThat(gained.path("d").path("id").asString()).isEqualTo(Long.toString(hidden));
            assertThat(memberClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("after");
            assertThat(ownerClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("before");
            assertThat(ownerClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("general");
            assertThat(ownerClient.nextDispatch("CHANNEL_UPDATE")).isNotNull();
        }
    }

    @Test
    void anUpdateOfAChannelNeverVisibleReachesNobodyWhoCannotViewIt() throws Exception {
        long owner = world.user("renamer");
        long member = world.user("outside");
        TestGuild guild = world.guild(owner, "Renaming");
        long hidden = world.hiddenChannel(guild.id());
        world.join(guild.id(), member);
        try (GatewayClient ownerClient = load(owner); GatewayClient memberClient = load(member)) {
            channelEvent("CHANNEL_UPDATE", guild, hidden, edits.channelPayload(hidden));
            world.publish(NODE_ID, AccessEdits.marker("marker", member));

            assertThat(memberClient.nextDispatch("USER_UPDATE")).isNotNull();
            assertThat(ownerClient.nextDispatch("CHANNEL_UPDATE").path("d").path("id").asString()).isEqualTo(Long.toString(hidden));
        }
    }

    @Test
    void aDeletedChannelReachesExactlyThoseWhoCouldViewItBefore() throws Exception {
        long owner = world.user("deleter");
        long member = world.user("bystander");
        long staff = world.user("staffer");
        TestGuild guild = world.guild(owner, "Deleting");
        long hidden = world.hiddenChannel(guild.id());
        long role = world.roleSeeing(guild.id(), hidden);
        world.join(guild.id(), member);
        world.join(guild.id(), staff);
        world.grantRole(guild.id(), staff, role);
        try (GatewayClient ownerClient = load(owner); GatewayClient memberClient = load(member); GatewayClient staffClient = load(staff)) {
            String payload = edits.channelPayload(hidden);
            edits.deleteChannel(hidden);
            channelEvent("CHANNEL_DELETE", guild, hidden, payload);
            world.publish(NODE_ID, AccessEdits.marker("marker", member));

            assertThat(ownerClient.nextDispatch("CHANNEL_DELETE").path("d").path("id").asString()).isEqualTo(Long.toString(hidden));
            assertThat(staffClient.nextDispatch("CHANNEL_DELETE").path("d").path("id").asString()).isEqualTo(Long.toString(hidden));
            assertThat(memberClient.nextDispatch("USER_UPDATE")).as("never saw the channel, so no delete").isNotNull();
        }
    }

    @Test
    void aCreatedChannelReachesOnlyThoseWhoCanViewIt() throws Exception {
        long owner = world.user("creator");
        long member = world.user("plain");
        TestGuild guild = world.guild(owner, "Creating");
        world.join(guild.id(), member);
        try (GatewayClient ownerClient = load(owner); GatewayClient memberClient = load(member)) {
            long secret = world.id();
            world.channels.insert(new Channel(secret, ChannelType.GUILD_TEXT, guild.id(), "secret", 2, null, null, false, 0,
                    List.of(new Overwrite(guild.id(), Overwrite.ROLE, 0, Permission.VIEW_CHANNEL))));
            long open = world.id();
            world.channels.insert(new Channel(open, ChannelType.GUILD_TEXT, guild.id(), "open", 3, null, null, false, 0, List.of()));
            channelEvent("CHANNEL_CREATE", guild, secret, edits.channelPayload(secret));
            channelEvent("CHANNEL_CREATE", guild, open, edits.channelPayload(open));
            publishMessage(guild, open, "in the new channel");

            assertThat(memberClient.nextDispatch("CHANNEL_CREATE").path("d").path("id").asString()).isEqualTo(Long.toString(open));
            assertThat(memberClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("in the new channel");
            assertThat(ownerClient.nextDispatch("CHANNEL_CREATE").path("d").path("id").asString()).isEqualTo(Long.toString(secret));
            assertThat(ownerClient.nextDispatch("CHANNEL_CREATE").path("d").path("id").asString()).isEqualTo(Long.toString(open));
        }
    }
}
