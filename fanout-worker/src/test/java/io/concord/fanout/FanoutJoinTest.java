package io.concord.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.common.routing.InterestRegistry;
import io.concord.common.routing.NodeRegistry;
import io.concord.common.store.Redis;
import io.concord.common.test.ManualClock;
import io.concord.common.test.TestStack;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/**
 * A member joins a guild no session on their node is in yet: the guild's next entries reach that node
 * before it has registered its interest in the guild, for a grace period.
 */
class FanoutJoinTest {
    private static final int JOINERS_NODE = 736;
    private static final long JOINER = 736_000_001L;
    private static final long GUILD = 736_000_100L;
    private static final long OTHER_GUILD = 736_000_200L;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T00:00:00Z").toEpochMilli());
    private RedisClient redis;
    private InterestRegistry interests;
    private NodeRegistry nodes;
    private FanoutHandler handler;
    private long entry;

    @BeforeEach
    void setUp() {
        redis = Redis.connect(TestStack.stores());
        interests = new InterestRegistry(redis);
        nodes = new NodeRegistry(redis);
        interests.clearNode(JOINERS_NODE);
        redis.del(InterestRegistry.relayStream(JOINERS_NODE));
        nodes.announce(new NodeRegistry.WsNode(JOINERS_NODE, "ws://localhost", 1, 10, false), 600_000);
        interests.addUser(JOINERS_NODE, JOINER);
        handler = new FanoutHandler(redis, interests, nodes, clock, 1000, new PrometheusRegistry());
    }

    @AfterEach
    void tearDown() {
        interests.clearNode(JOINERS_NODE);
        nodes.withdraw(JOINERS_NODE);
        redis.del(InterestRegistry.relayStream(JOINERS_NODE));
        redis.close();
    }

    private void handle(String type, long guildId, List<Long> users) {
        handler.handle(0, new StreamEntryID(1, entry++), new GuildEvent(type, guildId, 0, users, "{\"n\":" + entry + "}"));
    }

    private List<String> relayedTypes() {
        return redis.xrange(InterestRegistry.relayStream(JOINERS_NODE), "-", "+").stream()
                .map(e -> GuildEvent.fromFields(e.getFields()).type()).toList();
    }

    @Test
    void theGuildsNextMessagesReachTheJoinersNodeBeforeItRegistersForTheGuild() {
        handle("GUILD_MEMBER_ADD", GUILD, List.of(JOINER));
        handle("MESSAGE_CREATE", GUILD, List.of());
        handle("MESSAGE_CREATE", OTHER_GUILD, List.of());
        handle("MESSAGE_UPDATE", GUILD, List.of());

        assertThat(relayedTypes()).containsExactly("GUILD_MEMBER_ADD", "MESSAGE_CREATE", "MESSAGE_UPDATE");
    }

    @Test
    void afterTheGracePeriodOnlyTheNodesOwnInterestCounts() {
        handle("GUILD_MEMBER_ADD", GUILD, List.of(JOINER));
        clock.advance(Duration.ofMillis(RecentJoins.GRACE_MS + 1));
        handle("MESSAGE_CREATE", GUILD, List.of());
        interests.addGuild(JOINERS_NODE, GUILD);
        handle("MESSAGE_DELETE", GUILD, List.of());

        assertThat(relayedTypes()).containsExactly("GUILD_MEMBER_ADD", "MESSAGE_DELETE");
    }
}
