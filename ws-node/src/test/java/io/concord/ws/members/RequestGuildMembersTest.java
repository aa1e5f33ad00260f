package io.concord.ws.members;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import io.concord.ws.support.Sessions;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class RequestGuildMembersTest {
    private static final int NODE_ID = 787;
    private static final long GUILDS = 1, GUILD_MEMBERS = 1 << 1, GUILD_PRESENCES = 1 << 8;
    private static final int BIG = 1_234;
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();
    private static TestGuild big;
    private static final Set<String> bigMembers = new HashSet<>();

    /** A 1000-member chunk is far above the client's default 64 KiB message limit; JDA's client has none. */
    private static final WebSocketClient bigFrames = new WebSocketClient();

    @AfterAll
    static void stopClient() throws Exception {
        bigFrames.stop();
    }

    @BeforeAll
    static void bigGuild() throws Exception {
        bigFrames.setMaxTextMessageSize(16 * 1024 * 1024);
        bigFrames.start();
        long owner = world.user("big-owner");
        big = world.guild(owner, "big");
        bigMembers.add(Long.toString(owner));
        for (int i = 1; i < BIG; i++) {
            long u = world.user("crowd" + i);
            world.join(big.id(), u);
            bigMembers.add(Long.toString(u));
        }
    }

    private static List<String> ids(JsonNode members) {
        List<String> ids = new ArrayList<>();
        members.forEach(m -> ids.add(m.path("user").path("id").asString()));
        return ids;
    }

    @Test
    void aQueryReturnsMembersWhoseNameStartsWithItUpToTheLimitAndEchoesTheNonce() throws Exception {
        long owner = world.user("zed-owner");
        long other = world.user("amy");
        TestGuild guild = world.guild(owner, "by query");
        world.join(guild.id(), other);
        try (GatewayClient client = wsNode.load(owner, GUILDS, 1)) {
            client.send(8, Map.of("guild_id", Long.toString(guild.id()), "query", "ZED", "limit", 10, "nonce", "n-1"));
            JsonNode d = client.nextDispatch("GUILD_MEMBERS_CHUNK").path("d");
            assertThat(d.path("guild_id").asString()).isEqualTo(Long.toString(guild.id()));
            assertThat(ids(d.path("members"))).containsExactly(Long.toString(owner));
            assertThat(d.path("chunk_index").asInt()).isZero();
            assertThat(d.path("chunk_count").asInt()).isEqualTo(1);
            assertThat(d.path("nonce").asString()).isEqualTo("n-1");
            assertThat(d.has("not_found")).isFalse();

            client.send(8, Map.of("guild_id", Long.toString(big.id()), "query", "crowd", "limit", 1000));
            client.send("{\"op\":1,\"d\":null}");
            assertThat(client.next().path("op").asInt()).as("a guild the session lacks is ignored").isEqualTo(11);

            client.send(8, Map.of("guild_id", Long.toString(guild.id()), "query", "", "limit", 0, "nonce", "x".repeat(33)));
            assertThat(client.awaitClose().code()).as("the whole list without GUILD_MEMBERS").isEqualTo(4013);
        }
    }

    @Test
    void aQueryIsCappedAtOneHundredMembers() throws Exception {
        long owner = world.user("capper");
        world.join(big.id(), owner);
        try (GatewayClient client = wsNode.load(owner, GUILDS, 1)) {
            client.send(8, Map.of("guild_id", Long.toString(big.id()), "query", "crowd", "limit", 1000));
            JsonNode d = client.nextDispatch("GUILD_MEMBERS_CHUNK").path("d");
            assertThat(d.path("members").size()).isEqualTo(100);
            assertThat(bigMembers).containsAll(ids(d.path("members")));
        }
    }

    @Test
    void userIdsReturnThoseMembersListTheRestAsNotFoundAndCarryPresencesWhenAsked() throws Exception {
        long owner = world.user("by-ids");
        long member = world.user("listed");
        long stranger = world.user("stranger");
        TestGuild guild = world.guild(owner, "by ids");
        world.join(guild.id(), member);
        try (GatewayClient client = wsNode.load(owner, GUILDS | GUILD_PRESENCES, 1)) {
            client.send(8, Map.of("guild_id", guild.id(), "user_ids", List.of(Long.toString(member), stranger, Long.toString(owner)),
                    "presences", true, "nonce", "ids"));
            JsonNode d = client.nextDispatch("GUILD_MEMBERS_CHUNK").path("d");
            assertThat(ids(d.path("members"))).containsExactlyInAnyOrder(Long.toString(member), Long.toString(owner));
            assertThat(d.path("not_found").get(0).asString()).isEqualTo(Long.toString(stranger));
            assertThat(d.path("not_found").size()).isEqualTo(1);
            // Only the requester is online.
            assertThat(d.path("presences").findValuesAsString("id")).containsExactly(Long.toString(owner));
            assertThat(d.path("presences").get(0).path("status").asString()).isEqualTo("online");
            assertThat(d.path("nonce").asString()).isEqualTo("ids");

            client.send(8, Map.of("guild_id", Long.toString(guild.id()), "user_ids", Long.toString(member)));
            assertThat(ids(client.nextDispatch("GUILD_MEMBERS_CHUNK").path("d").path("members"))).containsExactly(Long.toString(member));
        }
    }

    @Test
    void presencesWithoutGuildPresencesClose4013() throws Exception {
        long owner = world.user("no-presences");
        TestGuild guild = world.guild(owner, "no presences");
        try (GatewayClient client = wsNode.load(owner, GUILDS | GUILD_MEMBERS, 1)) {
            client.send(8, Map.of("guild_id", Long.toString(guild.id()), "user_ids", List.of(Long.toString(owner)), "presences", true));
            assertThat(client.awaitClose().code()).isEqualTo(4013);
        }
    }

    @Test
    void theWholeListComesInChunksOfAThousandForANumericGuildIdAboveTwoToThe53() throws Exception {
        assertThat(big.id()).isGreaterThan(1L << 53);
        long requester = world.user("chunker");
        world.join(big.id(), requester);
        try (GatewayClient client = Sessions.load(bigFrames, wsNode.node(), world, requester, GUILDS | GUILD_MEMBERS, 1)) {
            // As JDA sends it: the guild id as a JSON number.
            client.send("{\"op\":8,\"d\":{\"guild_id\":" + Long.toUnsignedString(big.id()) + ",\"query\":\"\",\"limit\":0,\"nonce\":\"all\"}}");
            Set<String> seen = new HashSet<>();
            // Other tests here may have joined the big guild too: the repository says who is in it.
            Set<String> expected = new HashSet<>();
            world.members.list(big.id(), 0, 10_000).forEach(m -> expected.add(Long.toString(m.user().id())));
            assertThat(expected).containsAll(bigMembers).contains(Long.toString(requester));
            int total = expected.size();
            int chunks = (total + 999) / 1000;
            for (int i = 0; i < chunks; i++) {
                JsonNode d = client.nextDispatch("GUILD_MEMBERS_CHUNK").path("d");
                assertThat(d.path("guild_id").asString()).isEqualTo(Long.toString(big.id()));
                assertThat(d.path("chunk_index").asInt()).isEqualTo(i);
                assertThat(d.path("chunk_count").asInt()).isEqualTo(chunks);
                assertThat(d.path("nonce").asString()).isEqualTo("all");
                assertThat(d.path("members").size()).isEqualTo(i < chunks - 1 ? 1000 : total - 1000 * (chunks - 1));
                seen.addAll(ids(d.path("members")));
            }
            assertThat(seen).isEqualTo(expected);

            // The same list again at once is rate limited, with the request named.
            client.send("{\"op\":8,\"d\":{\"guild_id\":\"" + big.id() + "\",\"query\":\"\",\"limit\":0,\"nonce\":\"again\"}}");
            JsonNode limited = client.nextDispatch("RATE_LIMITED").path("d");
            assertThat(limited.path("opcode").asInt()).isEqualTo(8);
            assertThat(limited.path("retry_after").asDouble()).isPositive();
            assertThat(limited.path("meta").path("guild_id").asString()).isEqualTo(Long.toString(big.id()));
            assertThat(limited.path("meta").path("nonce").asString()).isEqualTo("again");
        }
    }

    @Test
    void malformedRequestsClose4002() throws Exception {
        long owner = world.user("malformed");
        TestGuild guild = world.guild(owner, "malformed");
        String g = Long.toString(guild.id());
        List<Object> bad = List.of(
                Map.of("query", "", "limit", 0),
                Map.of("guild_id", "abc", "query", ""),
                Map.of("guild_id", g),
                Map.of("guild_id", g, "query", "a", "user_ids", List.of(g)),
                Map.of("guild_id", g, "user_ids", IntStream.range(0, 101).mapToObj(i -> Long.toString(guild.id() + i)).toList()),
                Map.of("guild_id", g, "query", "a", "limit", -1),
                Map.of("guild_id", g, "query", "a", "nonce", 5),
                "not an object");
        for (Object d : bad) {
            try (GatewayClient client = wsNode.load(owner, GUILDS | GUILD_MEMBERS, 1)) {
                client.send(8, d);
                assertThat(client.awaitClose().code()).as(d.toString()).isEqualTo(4002);
            }
        }
    }
}
