package io.concord.ws.guild;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.permission.Overwrite;
import io.concord.common.permission.Permission;
import io.concord.ws.support.AccessEdits;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** GUILD_CREATE as JDA needs it (jda-client.md 2.3.6): roles, overwrites, visible channels, the own member. */
class GuildCreateExactnessTest {
    private static final int NODE_ID = 715;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();
    private static final AccessEdits edits = wsNode.edits();

    private static JsonNode guildCreate(long userId) throws Exception {
        try (GatewayClient client = wsNode.connect()) {
            client.identify(world.token(userId), null);
            return client.nextDispatch("GUILD_CREATE").path("d");
        }
    }

    private static Map<String, JsonNode> byId(JsonNode array) {
        Map<String, JsonNode> map = new HashMap<>();
        array.forEach(n -> map.put(n.path("id").asString(), n));
        return map;
    }

    @Test
    void rolesCarryColorsAndUnsignedPermissionStrings() throws Exception {
        long owner = world.user("painter");
        TestGuild guild = world.guild(owner, "Colors");
        long blue = edits.role(guild.id(), "blue", Permission.ALL & ~Permission.ADMINISTRATOR, 2, 0x3498DB);
        long high = edits.role(guild.id(), "high-bit", (1L << 63) | Permission.VIEW_CHANNEL, 1, 0);

        Map<String, JsonNode> roles = byId(guildCreate(owner).path("roles"));

        assertThat(roles).containsOnlyKeys(Long.toString(guild.id()), Long.toString(blue), Long.toString(high));
        JsonNode everyone = roles.get(Long.toString(guild.id()));
        assertThat(everyone.path("permissions").isString()).isTrue();
        assertThat(everyone.path("permissions").asString()).isEqualTo(Long.toUnsignedString(Permission.DEFAULT_EVERYONE));
        assertThat(everyone.path("position").asInt()).isZero();
        JsonNode b = roles.get(Long.toString(blue));
        assertThat(b.path("colors").path("primary_color").isInt()).isTrue();
        assertThat(b.path("colors").path("primary_color").asInt()).isEqualTo(0x3498DB);
        assertThat(b.path("color").asInt()).isEqualTo(0x3498DB);
        assertThat(b.path("name").asString()).isEqualTo("blue");
        assertThat(b.path("position").asInt()).isEqualTo(2);
        assertThat(b.path("permissions").asString()).isEqualTo(Long.toString(Permission.ALL & ~Permission.ADMINISTRATOR));
        assertThat(roles.get(Long.toString(high)).path("permissions").asString()).isEqualTo("9223372036854776832");
        roles.values().forEach(r -> assertThat(r.path("colors").has("primary_color")).as(r.toString()).isTrue());
    }

    @Test
    void channelsCarryTheirOverwritesAsStoredAndOnlyThoseTheMemberCanView() throws Exception {
        long owner = world.user("keeper-of-keys");
        long member = world.user("visitor");
        long insider = world.user("insider");
        TestGuild guild = world.guild(owner, "Overwrites");
        world.join(guild.id(), member);
        world.join(guild.id(), insider);
        long hidden = world.hiddenChannel(guild.id());
        long mod = edits.role(guild.id(), "mod", 0, 1, 0);
        List<Overwrite> stored = List.of(
                new Overwrite(guild.id(), Overwrite.ROLE, 0, Permission.VIEW_CHANNEL),
                new Overwrite(mod, Overwrite.ROLE, Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES, Permission.MENTION_EVERYONE),
                new Overwrite(insider, Overwrite.MEMBER, Permission.VIEW_CHANNEL, Permission.ALL & ~Permission.VIEW_CHANNEL));
        edits.setOverwrites(hidden, stored);

        JsonNode ownersView = guildCreate(owner);
        Map<String, JsonNode> channels = byId(ownersView.path("channels"));
        assertThat(channels).containsOnlyKeys(Long.toString(guild.channelId()), Long.toString(hidden));
        List<Map<String, Object>> overwrites = new ArrayList<>();
        for (JsonNode o : channels.get(Long.toString(hidden)).path("permission_overwrites")) {
            assertThat(o.path("allow").isString()).isTrue();
            assertThat(o.path("deny").isString()).isTrue();
            assertThat(o.path("type").isInt()).isTrue();
            overwrites.add(Map.of("id", o.path("id").asString(), "type", o.path("type").asInt(),
                    "allow", o.path("allow").asString(), "deny", o.path("deny").asString()));
        }
        assertThat(overwrites).containsExactlyInAnyOrderElementsOf(stored.stream().<Map<String, Object>>map(o -> Map.of(
                "id", Long.toString(o.id()), "type", o.type(), "allow", Long.toUnsignedString(o.allow()), "deny", Long.toUnsignedString(o.deny())))
                .toList());
        assertThat(channels.get(Long.toString(guild.channelId())).path("permission_overwrites").isArray()).isTrue();
        assertThat(channels.get(Long.toString(guild.channelId())).path("permission_overwrites")).isEmpty();

        assertThat(byId(guildCreate(member).path("channels"))).containsOnlyKeys(Long.toString(guild.channelId()));
        assertThat(byId(guildCreate(insider).path("channels"))).containsOnlyKeys(Long.toString(guild.channelId()), Long.toString(hidden));
    }

    @Test
    void theOwnMemberIsAlwaysInMembersEvenInALargeGuild() throws Exception {
        long owner = world.user("crowd-owner");
        TestGuild guild = world.guild(owner, "Crowd");
        long last = 0;
        for (int i = 0; i < 51; i++) {
            last = world.user("crowd-" + i);
            world.join(guild.id(), last);
        }

        JsonNode large = guildCreate(last);
        assertThat(large.path("large").asBoolean()).isTrue();
        assertThat(large.path("member_count").asInt()).isEqualTo(52);
        assertThat(large.path("members")).hasSize(1);
        assertThat(large.path("members").get(0).path("user").path("id").asString()).isEqualTo(Long.toString(last));
        assertThat(large.path("members").get(0).path("roles").isArray()).isTrue();
    }

    @Test
    void aSmallGuildListsEveryMemberWithTheirRoles() throws Exception {
        long owner = world.user("small-owner");
        long member = world.user("small-member");
        TestGuild guild = world.guild(owner, "Small");
        world.join(guild.id(), member);
        long role = edits.role(guild.id(), "helper", 0, 1, 0);
        world.grantRole(guild.id(), member, role);

        JsonNode small = guildCreate(member);
        assertThat(small.path("large").asBoolean()).isFalse();
        assertThat(small.path("member_count").asInt()).isEqualTo(2);
        Map<String, JsonNode> members = new HashMap<>();
        small.path("members").forEach(m -> members.put(m.path("user").path("id").asString(), m));
        assertThat(members).containsOnlyKeys(Long.toString(owner), Long.toString(member));
        assertThat(members.get(Long.toString(member)).path("roles").get(0).asString()).isEqualTo(Long.toString(role));
        for (String field : List.of("threads", "emojis", "voice_states", "guild_scheduled_events", "roles", "channels", "members")) {
            assertThat(small.path(field).isArray()).as(field).isTrue();
        }
        assertThat(small.path("id").asString()).isEqualTo(Long.toString(guild.id()));
    }
}
