package io.concord.ws.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class GatewayHandshakeTest {
    private static final int NODE_ID = 701;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();

    @Test
    void helloComesFirstAndAHeartbeatBeforeIdentifyIsAcknowledged() throws Exception {
        try (GatewayClient client = wsNode.connect()) {
            JsonNode hello = client.next();
            assertThat(hello.path("op").asInt()).isEqualTo(10);
            assertThat(hello.path("d").path("heartbeat_interval").asLong()).isEqualTo(41_250);

            client.send("{\"op\":1,\"d\":0}");
            assertThat(client.next().path("op").asInt()).isEqualTo(11);
            client.send("{\"op\":1,\"d\":null}");
            assertThat(client.next().path("op").asInt()).isEqualTo(11);
            client.send("{\"op\":1}");
            assertThat(client.next().path("op").asInt()).isEqualTo(11);
            client.send("{\"op\":40,\"d\":{\"seq\":0,\"qos\":{}}}");
            assertThat(client.next().path("op").asInt()).isEqualTo(11);
        }
    }

    @Test
    void identifySendsReadyAsFirstDispatchThenAGuildCreatePerGuild() throws Exception {
        long owner = world.user("owner", true);
        long other = world.user("other");
        TestGuild first = world.guild(owner, "First");
        TestGuild second = world.guild(owner, "Second");
        world.join(first.id(), other);

        try (GatewayClient client = wsNode.connect()) {
            JsonNode ready = client.identify(world.token(owner), 513);
            assertThat(ready.path("s").asLong()).isEqualTo(1);
            JsonNode d = ready.path("d");
            assertThat(d.path("v").asInt()).isEqualTo(10);
            assertThat(d.path("user").path("id").asString()).isEqualTo(Long.toString(owner));
            assertThat(d.path("user").path("username").asString()).isEqualTo("owner");
            assertThat(d.path("user").path("discriminator").asString()).isEqualTo("0");
            assertThat(d.path("user").path("bot").asBoolean()).isTrue();
            assertThat(d.path("user").path("verified").asBoolean()).isTrue();
            assertThat(d.path("user").path("mfa_enabled").isBoolean()).isTrue();
            assertThat(d.path("session_id").asString()).matches("[0-9a-f]{32}");
            assertThat(d.path("resume_gateway_url").asString()).isEqualTo(wsNode.node().publicUrl());
            assertThat(d.path("session_type").asString()).isEqualTo("normal");
            assertThat(d.path("private_channels").isArray()).isTrue();
            assertThat(d.path("relationships").isArray()).isTrue();
            assertThat(d.path("user_settings").isObject()).isTrue();
            List<String> ids = new ArrayList<>();
            d.path("guilds").forEach(g -> {
                assertThat(g.path("unavailable").asBoolean()).isTrue();
                ids.add(g.path("id").asString());
            });
            assertThat(ids).containsExactly(Long.toString(first.id()), Long.toString(second.id()));

            JsonNode create = client.nextDispatch("GUILD_CREATE");
            assertThat(create.path("s").asLong()).isEqualTo(2);
            JsonNode g = create.path("d");
            assertThat(g.path("id").asString()).isEqualTo(Long.toString(first.id()));
            assertThat(g.path("name").asString()).isEqualTo("First");
            assertThat(g.path("owner_id").asString()).isEqualTo(Long.toString(owner));
            assertThat(g.path("unavailable").asBoolean()).isFalse();
            assertThat(g.path("member_count").asInt()).isEqualTo(2);
            assertThat(g.path("large").asBoolean()).isFalse();
            assertThat(g.path("joined_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*(Z|[+-]\\d\\d:\\d\\d)");
            for (String array : List.of("roles", "channels", "members", "threads", "emojis", "voice_states",
                    "guild_scheduled_events", "presences", "stickers", "stage_instances", "soundboard_sounds", "features")) {
                assertThat(g.path(array).isArray()).as(array).isTrue();
            }
            JsonNode everyone = g.path("roles").get(0);
            assertThat(everyone.path("id").asString()).isEqualTo(Long.toString(first.id()));
            assertThat(everyone.path("colors").path("primary_color").isInt()).isTrue();
            assertThat(everyone.path("permissions").isString()).isTrue();
            JsonNode channel = g.path("channels").get(0);
            assertThat(channel.path("id").asString()).isEqualTo(Long.toString(first.channelId()));
            assertThat(channel.path("guild_id").asString()).isEqualTo(Long.toString(first.id()));
            assertThat(channel.path("permission_overwrites").isArray()).isTrue();
            List<String> memberIds = new ArrayList<>();
            g.path("members").forEach(m -> {
                memberIds.add(m.path("user").path("id").asString());
                assertThat(m.path("roles").isArray()).isTrue();
            });
            assertThat(memberIds).containsExactlyInAnyOrder(Long.toString(owner), Long.toString(other));

            JsonNode secondCreate = client.nextDispatch("GUILD_CREATE");
            assertThat(secondCreate.path("s").asLong()).isEqualTo(3);
            assertThat(secondCreate.path("d").path("id").asString()).isEqualTo(Long.toString(second.id()));
        }
    }

    @Test
    void aLargeGuildCarriesOnlyTheCallersOwnMember() throws Exception {
        long owner = world.user("big-owner");
        TestGuild guild = world.guild(owner, "Big");
        for (int i = 0; i < 50; i++) world.join(guild.id(), world.user("crowd" + i));

        try (GatewayClient client = wsNode.connect()) {
            client.identify(world.token(owner), null);
            JsonNode g = client.nextDispatch("GUILD_CREATE").path("d");
            assertThat(g.path("member_count").asInt()).isEqualTo(51);
            assertThat(g.path("large").asBoolean()).isTrue();
            assertThat(g.path("members")).hasSize(1);
            assertThat(g.path("members").get(0).path("user").path("id").asString()).isEqualTo(Long.toString(owner));
        }
    }

    @Test
    void aUserWithoutGuildsGetsReadyWithAnEmptyGuildList() throws Exception {
        long loner = world.user("loner");
        try (GatewayClient client = wsNode.connect("encoding=json&v=9")) {
            JsonNode ready = client.identify("Bearer " + world.token(loner), null);
            assertThat(ready.path("d").path("guilds")).isEmpty();
            assertThat(ready.path("d").path("user").has("bot")).isFalse();
        }
    }

    @Test
    void resumeIsAnsweredWithANonResumableInvalidSession() throws Exception {
        try (GatewayClient client = wsNode.connect()) {
            client.next();
            // A valid token for a session nobody holds (a bad token closes with 4004, see SameNodeResumeTest).
            client.send(6, Map.of("token", world.token(world.user("resumer")), "session_id", "abc", "seq", 3));
            JsonNode invalid = client.next();
            assertThat(invalid.path("op").asInt()).isEqualTo(9);
            assertThat(invalid.path("d").asBoolean(true)).isFalse();
        }
    }

    @Test
    void presenceAndSubscriptionOpcodesAreAcceptedAfterIdentify() throws Exception {
        long user = world.user("quiet");
        try (GatewayClient client = wsNode.connect()) {
            client.identify(world.token(user), null);
            client.send(3, Map.of("since", 0, "activities", List.of(), "status", "online", "afk", false));
            client.send(8, Map.of("guild_id", 123, "query", "", "limit", 0));
            client.send(14, Map.of("guild_id", "123"));
            client.send(37, Map.of("subscriptions", Map.of()));
            client.send("{\"op\":1,\"d\":1}");
            assertThat(client.next().path("op").asInt()).isEqualTo(11);
        }
    }
}
