package io.concord.ws.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.common.permission.Permission;
import io.concord.common.store.Postgres;
import io.concord.common.test.TestStack;
import io.concord.ws.session.Intents;
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
import tools.jackson.databind.JsonNode;

/**
 * GUILD_AUDIT_LOG_ENTRY_CREATE reaches only sessions whose member may view the audit log (owner,
 * ADMINISTRATOR, VIEW_AUDIT_LOG) and that asked for GUILD_MODERATION. A session that must not get it
 * is proven not to by order: its next frame is the USER_UPDATE marker published after the entry.
 */
class AuditLogDeliveryTest {
    private static final int NODE_ID = 320;
    private static final long WITHOUT_MODERATION = Intents.GUILDS | Intents.GUILD_MEMBERS;
    private static final long MODERATION = WITHOUT_MODERATION | Intents.GUILD_MODERATION;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();
    private static Postgres postgres;

    @BeforeAll
    static void start() {
        postgres = Postgres.connect(TestStack.stores());
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private long role(long guildId, String name, long permissions) {
        long roleId = world.id();
        postgres.jdbi().useHandle(h -> h.execute("insert into roles (id, guild_id, name, permissions, position) values (?, ?, ?, ?, 1)",
                roleId, guildId, name, permissions));
        return roleId;
    }

    private static GuildEvent entry(TestGuild guild, long actor, String reason) {
        return new GuildEvent("GUILD_AUDIT_LOG_ENTRY_CREATE", guild.id(), 0, List.of(), """
                {"id":"%d","user_id":"%d","target_id":"%d","action_type":30,"changes":[{"key":"name","new_value":"mods"}],\
                "reason":"%s","guild_id":"%d"}""".formatted(world.id(), actor, world.id(), reason, guild.id()));
    }

    private static void assertGetsEntryThenMarker(GatewayClient client, String reason) throws InterruptedException {
        JsonNode entry = client.nextDispatch("GUILD_AUDIT_LOG_ENTRY_CREATE");
        assertThat(entry.path("d").path("reason").asString()).isEqualTo(reason);
        client.nextDispatch("USER_UPDATE");
    }

    @Test
    void onlyMembersWhoMayViewTheAuditLogAndAskedForModerationEventsGetEntries() throws Exception {
        long owner = world.user("audit-owner");
        TestGuild guild = world.guild(owner, "Audited");
        long auditors = role(guild.id(), "auditors", Permission.VIEW_AUDIT_LOG);
        long admins = role(guild.id(), "admins", Permission.ADMINISTRATOR);
        long auditor = world.user("auditor", true);
        long admin = world.user("admin", true);
        long plain = world.user("plain", true);
        long deaf = world.user("auditor-without-intent", true);
        for (long u : new long[] {auditor, admin, plain, deaf}) world.join(guild.id(), u);
        world.grantRole(guild.id(), auditor, auditors);
        world.grantRole(guild.id(), deaf, auditors);
        world.grantRole(guild.id(), admin, admins);

        try (GatewayClient ownerClient = wsNode.load(owner, MODERATION, 1);
             GatewayClient auditorClient = wsNode.load(auditor, MODERATION, 1);
             GatewayClient adminClient = wsNode.load(admin, MODERATION, 1);
             GatewayClient plainClient = wsNode.load(plain, MODERATION, 1);
             GatewayClient deafClient = wsNode.load(deaf, WITHOUT_MODERATION, 1)) {
            world.publish(NODE_ID, entry(guild, owner, "first"));
            world.publish(NODE_ID, AccessEdits.marker("marker", owner, auditor, admin, plain, deaf));

            assertGetsEntryThenMarker(ownerClient, "first");
            assertGetsEntryThenMarker(auditorClient, "first");
            assertGetsEntryThenMarker(adminClient, "first");
            plainClient.nextDispatch("USER_UPDATE");
            deafClient.nextDispatch("USER_UPDATE");
        }
    }

    @Test
    void aMemberGrantedViewAuditLogGetsTheNextEntryAndLosesItWithTheRole() throws Exception {
        long owner = world.user("granting-owner");
        TestGuild guild = world.guild(owner, "Granted");
        long auditors = role(guild.id(), "auditors", Permission.VIEW_AUDIT_LOG);
        long member = world.user("promoted", true);
        world.join(guild.id(), member);
        String memberUpdate = "{\"guild_id\":\"%d\",\"user\":{\"id\":\"%d\",\"username\":\"promoted\"},\"roles\":[%s]}";

        try (GatewayClient client = wsNode.load(member, MODERATION, 1)) {
            world.publish(NODE_ID, entry(guild, owner, "before the grant"));
            world.publish(NODE_ID, AccessEdits.marker("marker", member));
            client.nextDispatch("USER_UPDATE");

            world.grantRole(guild.id(), member, auditors);
            world.publish(NODE_ID, new GuildEvent("GUILD_MEMBER_UPDATE", guild.id(), 0, List.of(),
                    memberUpdate.formatted(guild.id(), member, "\"" + auditors + "\"")));
            world.publish(NODE_ID, entry(guild, owner, "after the grant"));
            world.publish(NODE_ID, AccessEdits.marker("marker", member));
            client.nextDispatch("GUILD_MEMBER_UPDATE");
            assertGetsEntryThenMarker(client, "after the grant");

            postgres.jdbi().useHandle(h -> h.execute("delete from member_roles where guild_id = ? and user_id = ?", guild.id(), member));
            world.publish(NODE_ID, new GuildEvent("GUILD_MEMBER_UPDATE", guild.id(), 0, List.of(),
                    memberUpdate.formatted(guild.id(), member, "")));
            world.publish(NODE_ID, entry(guild, owner, "after the revocation"));
            world.publish(NODE_ID, AccessEdits.marker("marker", member));
            client.nextDispatch("GUILD_MEMBER_UPDATE");
            client.nextDispatch("USER_UPDATE");
        }
    }
}
