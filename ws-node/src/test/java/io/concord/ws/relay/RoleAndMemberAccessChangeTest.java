package io.concord.ws.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.common.store.Postgres;
import io.concord.common.test.TestStack;
import io.concord.ws.support.AccessEdits;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Role and member changes that take a channel away apply to the very next event of that channel. */
class RoleAndMemberAccessChangeTest {
    private static final int NODE_ID = 717;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();
    private static Postgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = Postgres.connect(TestStack.stores());
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private void publishMessage(TestGuild guild, long channelId, String content) {
        wsNode.publishMessage(guild, channelId, guild.ownerId(), content);
    }

    @Test
    void deletingTheRoleThatShowedAChannelHidesItsNextMessages() throws Exception {
        long owner = world.user("role-deleter");
        long staff = world.user("demoted");
        TestGuild guild = world.guild(owner, "Role deletion");
        long hidden = world.hiddenChannel(guild.id());
        long role = world.roleSeeing(guild.id(), hidden);
        world.join(guild.id(), staff);
        world.grantRole(guild.id(), staff, role);
        try (GatewayClient staffClient = wsNode.load(staff, null, 1)) {
            publishMessage(guild, hidden, "while staff");
            assertThat(staffClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("while staff");

            // the role's overwrite row is left behind on purpose: the member's cached roles must not keep it alive
            postgres.jdbi().useHandle(h -> h.execute("delete from roles where id = ?", role));
            world.publish(NODE_ID, new GuildEvent("GUILD_ROLE_DELETE", guild.id(), 0, List.of(),
                    "{\"guild_id\":\"%d\",\"role_id\":\"%d\"}".formatted(guild.id(), role)));
            publishMessage(guild, hidden, "after the role is gone");
            world.publish(NODE_ID, AccessEdits.marker("marker", staff));

            assertThat(staffClient.nextDispatch("GUILD_ROLE_DELETE")).isNotNull();
            assertThat(staffClient.nextDispatch("USER_UPDATE")).isNotNull();
        }
    }

    @Test
    void aRoleUpdateThatTakesViewChannelAwayHidesTheGuildsChannels() throws Exception {
        long owner = world.user("role-editor");
        long member = world.user("muted-reader");
        TestGuild guild = world.guild(owner, "Role update");
        world.join(guild.id(), member);
        try (GatewayClient memberClient = wsNode.load(member, null, 1)) {
            publishMessage(guild, guild.channelId(), "readable");
            assertThat(memberClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("readable");

            postgres.jdbi().useHandle(h -> h.execute("update roles set permissions = 0 where id = ?", guild.id()));
            world.publish(NODE_ID, new GuildEvent("GUILD_ROLE_UPDATE", guild.id(), 0, List.of(),
                    "{\"guild_id\":\"%d\",\"role\":{\"id\":\"%d\",\"name\":\"@everyone\",\"permissions\":\"0\",\"position\":0,\"color\":0,\"colors\":{\"primary_color\":0}}}"
                            .formatted(guild.id(), guild.id())));
            publishMessage(guild, guild.channelId(), "unreadable");
            world.publish(NODE_ID, AccessEdits.marker("marker", member));

            assertThat(memberClient.nextDispatch("GUILD_ROLE_UPDATE")).isNotNull();
            assertThat(memberClient.nextDispatch("USER_UPDATE")).isNotNull();
        }
    }

    @Test
    void aTimeoutKeepsTheChannelVisible() throws Exception {
        long owner = world.user("timeout-giver");
        long member = world.user("timed-out");
        TestGuild guild = world.guild(owner, "Timeouts");
        world.join(guild.id(), member);
        try (GatewayClient memberClient = wsNode.load(member, null, 1)) {
            postgres.jdbi().useHandle(h -> h.execute(
                    "update members set communication_disabled_until = now() + interval '1 hour' where guild_id = ? and user_id = ?", guild.id(), member));
            world.publish(NODE_ID, new GuildEvent("GUILD_MEMBER_UPDATE", guild.id(), 0, List.of(),
                    "{\"guild_id\":\"%d\",\"user\":{\"id\":\"%d\",\"username\":\"timed-out\"},\"roles\":[]}".formatted(guild.id(), member)));
            publishMessage(guild, guild.channelId(), "still readable");

            assertThat(memberClient.nextDispatch("GUILD_MEMBER_UPDATE")).isNotNull();
            assertThat(memberClient.nextDispatch("MESSAGE_CREATE").path("d").path("content").asString()).isEqualTo("still readable");
        }
    }
}
