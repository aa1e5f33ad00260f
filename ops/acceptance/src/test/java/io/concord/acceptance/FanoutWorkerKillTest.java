package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.EventStreams;
import io.concord.common.lease.PartitionLeases;
import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;

/**
 * Two fanout-workers in processes of their own share the guild stream partitions; one is killed
 * with SIGKILL while messages flow in two guilds, one on each worker's partitions. The survivor
 * takes the dead worker's partitions over, and a client of both guilds gets every message of each
 * guild exactly once and in order.
 */
class FanoutWorkerKillTest {
    private static final int API_NODE = 995;
    private static final int WS_NODE = 996;
    private static final int PER_GUILD = 20;
    private static final int SENDERS = 4;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String DOOMED = "fanout-doomed-" + RUN;
    private static final String SURVIVOR = "fanout-survivor-" + RUN;
    private static Stack stack;
    private static RestClient rest;
    private static RedisClient redis;
    private static ServiceProcess doomed;
    private static ServiceProcess survivor;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack(API_NODE, WS_NODE, false);
        rest = stack.rest();
        redis = Redis.connect(TestStack.stores());
        Map<String, String> fast = Map.of("LEASE_TTL_MS", "3000");
        doomed = ServiceProcess.fanoutWorker(DOOMED, fast);
        awaitOwners(DOOMED);
        survivor = ServiceProcess.fanoutWorker(SURVIVOR, fast);
        awaitOwners(DOOMED, SURVIVOR);
    }

    @AfterAll
    static void stop() throws Exception {
        if (doomed != null) doomed.close();
        if (survivor != null) survivor.close();
        if (redis != null) redis.close();
        if (stack != null) stack.close();
    }

    @Test
    void aWorkerKilledMidStreamLosesAndReordersNothing() throws Exception {
        List<String> senders = new ArrayList<>();
        senders.add(rest.register("owner"));
        String owner = senders.getFirst();
        // One guild on a partition the doomed worker holds, one on a survivor's.
        Map<String, String> guildOf = new HashMap<>();
        while (!guildOf.containsKey(DOOMED) || !guildOf.containsKey(SURVIVOR)) {
            String guildId = rest.call("POST", "/guilds", owner, "{\"name\":\"Fanout\"}").body().path("id").asString();
            guildOf.putIfAbsent(leaseHolder(Long.parseLong(guildId)), guildId);
        }
        List<String> guilds = List.of(guildOf.get(DOOMED), guildOf.get(SURVIVOR));
        List<String> channels = guilds.stream().map(g -> textChannel(owner, g)).toList();
        for (int i = 1; i < SENDERS; i++) {
            String user = rest.register("sender" + i);
            for (String channel : channels) {
                String code = rest.call("POST", "/channels/" + channel + "/invites", owner, "{}").body().path("code").asString();
                assertThat(rest.call("POST", "/invites/" + code, user, null).status()).isEqualTo(200);
            }
            senders.add(user);
        }

        try (GatewayClient client = new GatewayClient(stack.ws.publicUrl())) {
            client.identify(owner);
            client.awaitDispatch("READY");
            Map<String, List<Integer>> received = new HashMap<>();
            guilds.forEach(g -> received.put(g, new ArrayList<>()));

            send(senders, channels, 1, 5);
            awaitMessages(client, received, 5);
            doomed.kill();
            send(senders, channels, 6, PER_GUILD);
            awaitMessages(client, received, PER_GUILD);

            for (String g : guilds) {
                assertThat(received.get(g)).as("messages of guild " + g)
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, PER_GUILD).boxed().toList());
            }
            // Nothing more is owed: a marker is the next message.
            send(senders, channels.subList(1, 2), PER_GUILD + 1, PER_GUILD + 1);
            JsonNode marker = client.awaitDispatch("MESSAGE_CREATE");
            assertThat(marker.path("d").path("content").asString()).isEqualTo("m" + (PER_GUILD + 1));
        }
    }

    /** Messages m{from}..m{to} in every channel, alternating channels, by the senders in turn. */
    private static void send(List<String> senders, List<String> channels, int from, int to) {
        for (int n = from; n <= to; n++) {
            for (String channel : channels) {
                String token = senders.get(n % senders.size());
                RestClient.Response r = rest.call("POST", "/channels/" + channel + "/messages", token, "{\"content\":\"m" + n + "\"}");
                assertThat(r.status()).as("send m" + n + ": " + r).isEqualTo(200);
            }
        }
    }

    private static void awaitMessages(GatewayClient client, Map<String, List<Integer>> received, int perGuild) throws InterruptedException {
        while (received.values().stream().anyMatch(l -> l.size() < perGuild)) {
            JsonNode m = client.awaitDispatch("MESSAGE_CREATE");
            received.get(m.path("d").path("guild_id").asString()).add(Integer.parseInt(m.path("d").path("content").asString().substring(1)));
        }
    }

    private static String leaseHolder(long guildId) {
        int partition = new EventStreams(redis, TestStack.stores().guildPartitions(), 1).partition(guildId);
        String holder = redis.get(PartitionLeases.key("fanout", partition));
        return holder == null ? "" : holder;
    }

    /** Waits until every partition is leased, each of the given workers holding at least one. */
    private static void awaitOwners(String... workers) throws InterruptedException {
        Leases.await(redis, "fanout", holders -> !holders.contains(null) && List.of(workers).stream().allMatch(holders::contains),
                "partitions leased by " + List.of(workers));
    }

    private static String textChannel(String token, String guildId) {
        for (JsonNode c : rest.call("GET", "/guilds/" + guildId + "/channels", token, null).body()) {
            if (c.path("type").asInt() == 0) return c.path("id").asString();
        }
        throw new AssertionError("no text channel");
    }
}
