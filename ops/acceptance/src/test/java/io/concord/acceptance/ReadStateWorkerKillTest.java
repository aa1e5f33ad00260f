package io.concord.acceptance;

import static io.concord.acceptance.ReadStateWorld.mentions;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;

/**
 * The readstate-worker runs as a process of its own and is killed with SIGKILL right after a burst of
 * mentions; an ack is answered while no worker runs at all; more mentions follow; then a new worker
 * takes the partitions over. Mention counts come out exact (nothing lost, nothing counted twice) and
 * the acknowledged read state reaches CQL: it survives dropping Redis's hot copy.
 */
class ReadStateWorkerKillTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static Stack stack;
    private static ReadStateWorld world;
    private static RedisClient redis;
    private static ServiceProcess doomed;
    private static ServiceProcess survivor;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack(962, 963, true, false);
        world = new ReadStateWorld(stack.rest());
        redis = Redis.connect(TestStack.stores());
        doomed = ServiceProcess.readstateWorker("readstate-doomed-" + RUN, Map.of("LEASE_TTL_MS", "3000"));
        awaitOwner("readstate-doomed-" + RUN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (doomed != null) doomed.close();
        if (survivor != null) survivor.close();
        if (redis != null) redis.close();
        if (stack != null) stack.close();
    }

    @Test
    void countsAndAcksSurviveAWorkerKill() throws Exception {
        ReadStateWorld.User owner = world.user("owner");
        ReadStateWorld.User member = world.user("member");
        String guild = world.guild(owner);
        String ch = world.textChannel(owner, guild, "[]");
        world.join(owner, ch, member);

        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 10; i++) sent.add(world.send(owner, ch, mention(i, member)));
        doomed.kill();
        // Answered while no worker runs: it lives in Redis (hot copy and the guild stream) only.
        world.ack(member, ch, sent.get(3));
        for (int i = 11; i <= 20; i++) sent.add(world.send(owner, ch, mention(i, member)));
        survivor = ServiceProcess.readstateWorker("readstate-survivor-" + RUN, Map.of("LEASE_TTL_MS", "3000"));

        // m5..m20 are after the cursor m4, each counted once.
        JsonNode counted = world.awaitMentions(member, ch, 16);
        assertThat(counted.path("last_message_id").asString()).isEqualTo(sent.get(3));
        world.awaitEntry(owner, ch, "the author's cursor at their last message", e -> e.path("last_message_id").asString().equals(sent.getLast()));

        // Without Redis's hot copy the state comes from CQL alone.
        redis.del("readstates:{" + member.id() + "}");
        redis.del("readstates:{" + owner.id() + "}");
        JsonNode persisted = world.awaitEntry(member, ch, "the ack persisted in CQL",
                e -> e.path("last_message_id").asString().equals(sent.get(3)));
        assertThat(persisted.path("mention_count").asInt()).isEqualTo(16);
        world.awaitEntry(owner, ch, "the author's own ack persisted in CQL", e -> e.path("last_message_id").asString().equals(sent.getLast()));
        assertThat(mentions(world.entry(owner, ch))).isZero();
    }

    /** Every third message mentions @everyone, the others the member directly. */
    private static String mention(int i, ReadStateWorld.User member) {
        return (i % 3 == 0 ? "@everyone" : "<@" + member.id() + ">") + " m" + i;
    }

    private static void awaitOwner(String worker) throws InterruptedException {
        Leases.await(redis, "readstate", holders -> holders.stream().allMatch(worker::equals), "partitions leased by " + worker);
    }
}
