package io.concord.ws.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.common.permission.Permission;
import io.concord.common.store.Postgres;
import io.concord.common.test.TestStack;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** A session rebuilt on another node from the guild streams gets audit log entries exactly when it would have live. */
class AuditLogResumeTest {
    @RegisterExtension
    static final TwoNodes nodes = new TwoNodes(321, 322);
    private static final TestWorld world = nodes.world;
    private static final WebSocketClient ws = nodes.ws;
    private static final StreamFanout fanout = nodes.fanout;

    private record Session(long userId, String id, GatewayClient client) {}

    private static Session connect(long userId) throws Exception {
        GatewayClient client = GatewayClient.connect(ws, nodes.first().publicUrl());
        String id = client.identify(world.token(userId), null).path("d").path("session_id").asString();
        client.nextDispatch("GUILD_CREATE");
        return new Session(userId, id, client);
    }

    /** Resumes on the second node and returns the dispatch types up to the message published last. */
    private static List<String> resume(Session s) throws Exception {
        GatewayClient resumed = GatewayClient.connect(ws, nodes.second().publicUrl());
        assertThat(resumed.next().path("op").asInt()).isEqualTo(10);
        resumed.send(6, Map.of("token", world.token(s.userId()), "session_id", s.id(), "seq", 2));
        List<String> types = new ArrayList<>();
        while (!types.contains("RESUMED") || !types.contains("MESSAGE_CREATE")) {
            JsonNode frame = resumed.next();
            assertThat(frame.path("op").asInt()).as("op of %s", frame).isZero();
            types.add(frame.path("t").asString());
        }
        resumed.close();
        return types;
    }

    @Test
    void theRebuiltSessionGetsEntriesOnlyIfItsMemberMayViewTheAuditLog() throws Exception {
        long owner = world.user("resume-owner");
        TestGuild guild = world.guild(owner, "Audited resume");
        long roleId = world.id();
        try (Postgres postgres = Postgres.connect(TestStack.stores())) {
            postgres.jdbi().useHandle(h -> h.execute("insert into roles (id, guild_id, name, permissions, position) values (?, ?, 'auditors', ?, 1)",
                    roleId, guild.id(), Permission.VIEW_AUDIT_LOG));
        }
        long auditor = world.user("resume-auditor");
        long plain = world.user("resume-plain");
        world.join(guild.id(), auditor);
        world.join(guild.id(), plain);
        world.grantRole(guild.id(), auditor, roleId);
        Session auditorSession = connect(auditor);
        Session plainSession = connect(plain);
        Checkpoints.awaitAtLeast(world.redis, auditorSession.id(), 2);
        Checkpoints.awaitAtLeast(world.redis, plainSession.id(), 2);

        nodes.first().halt();
        fanout.publish(new GuildEvent("GUILD_AUDIT_LOG_ENTRY_CREATE", guild.id(), 0, List.of(), """
                {"id":"%d","user_id":"%d","action_type":1,"changes":[{"key":"name","old_value":"a","new_value":"b"}],"guild_id":"%d"}"""
                .formatted(world.id(), owner, guild.id())));
        fanout.publish(new GuildEvent("MESSAGE_CREATE", guild.id(), guild.channelId(), List.of(),
                TestWorld.message(world.id(), guild.channelId(), guild.id(), owner, "after the entry")));

        assertThat(resume(auditorSession)).containsSubsequence("GUILD_AUDIT_LOG_ENTRY_CREATE", "MESSAGE_CREATE");
        assertThat(resume(plainSession)).doesNotContain("GUILD_AUDIT_LOG_ENTRY_CREATE").contains("MESSAGE_CREATE");
        auditorSession.client().close();
        plainSession.client().close();
    }
}
