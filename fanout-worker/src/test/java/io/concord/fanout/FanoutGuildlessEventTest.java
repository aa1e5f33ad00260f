package io.concord.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.common.event.RelaySource;
import io.concord.common.routing.InterestRegistry;
import io.concord.common.routing.NodeRegistry;
import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/** An event with guild 0 (USER_UPDATE) is relayed to the nodes holding the named users' sessions only. */
class FanoutGuildlessEventTest {
    private static final int USERS_NODE = 738;
    private static final int OTHER_NODE = 739;
    private static final long USER = 738_000_001L;
    private static final long OTHER_USER = 739_000_002L;
    private RedisClient redis;
    private InterestRegistry interests;
    private NodeRegistry nodes;

    @BeforeEach
    void setUp() {
        redis = Redis.connect(TestStack.stores());
        interests = new InterestRegistry(redis);
        nodes = new NodeRegistry(redis);
        for (int node : List.of(USERS_NODE, OTHER_NODE)) {
            interests.clearNode(node);
            redis.del(InterestRegistry.relayStream(node));
            nodes.announce(new NodeRegistry.WsNode(node, "ws://localhost", 1, 10, false), 60_000);
        }
        interests.addUser(USERS_NODE, USER);
        interests.addUser(OTHER_NODE, OTHER_USER);
    }

    @AfterEach
    void tearDown() {
        for (int node : List.of(USERS_NODE, OTHER_NODE)) {
            interests.clearNode(node);
            nodes.withdraw(node);
            redis.del(InterestRegistry.relayStream(node));
        }
        redis.close();
    }

    @Test
    void aUserUpdateReachesTheNodeOfThatUserAndNoOther() {
        FanoutHandler handler = new FanoutHandler(redis, interests, nodes, Clock.systemUTC(), 1000, new PrometheusRegistry());
        GuildEvent event = new GuildEvent("USER_UPDATE", 0, 0, List.of(USER), "{\"id\":\"" + USER + "\"}");

        handler.handle(0, new StreamEntryID(1, 0), event);

        List<StreamEntry> relayed = redis.xrange(InterestRegistry.relayStream(USERS_NODE), "-", "+");
        assertThat(relayed).hasSize(1);
        Map<String, String> fields = relayed.getFirst().getFields();
        assertThat(GuildEvent.fromFields(fields)).isEqualTo(event);
        assertThat(redis.xrange(InterestRegistry.relayStream(OTHER_NODE), "-", "+")).isEmpty();
    }

    @Test
    void eachRelayedCopyNamesItsGuildStreamPartitionAndEntry() {
        FanoutHandler handler = new FanoutHandler(redis, interests, nodes, Clock.systemUTC(), 1000, new PrometheusRegistry());
        GuildEvent event = new GuildEvent("USER_UPDATE", 0, 0, List.of(USER), "{\"id\":\"" + USER + "\"}");

        handler.handle(5, new StreamEntryID(1234, 7), event);

        Map<String, String> fields = redis.xrange(InterestRegistry.relayStream(USERS_NODE), "-", "+").getFirst().getFields();
        assertThat(RelaySource.of(fields)).contains(new RelaySource(5, new StreamEntryID(1234, 7)));
    }
}
