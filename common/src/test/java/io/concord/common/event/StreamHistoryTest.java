package io.concord.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XTrimParams;

/** Whether a real Redis stream still holds everything after a position, after trims and deletes. */
class StreamHistoryTest {
    private RedisClient redis;
    private String stream;

    @BeforeEach
    void setUp() {
        redis = Redis.connect(TestStack.stores());
        stream = "history-test:{" + UUID.randomUUID() + "}";
        for (int i = 1; i <= 10; i++) {
            redis.xadd(stream, XAddParams.xAddParams().id(new StreamEntryID(i, 0)), Map.of("n", Integer.toString(i)));
        }
    }

    @AfterEach
    void tearDown() {
        redis.del(stream);
        redis.close();
    }

    private boolean holdsAfter(long ms) {
        return StreamHistory.of(redis.xinfoStream(stream).getStreamInfo()).holdsEverythingAfter(new StreamEntryID(ms, 0));
    }

    @Test
    void aStreamNothingWasRemovedFromHoldsEverything() {
        assertThat(holdsAfter(0)).isTrue();
        assertThat(holdsAfter(5)).isTrue();
    }

    @Test
    void afterTrimmingItHoldsEverythingAfterTheFirstEntryLeftAndNothingBefore() {
        redis.xtrim(stream, XTrimParams.xTrimParams().maxLen(4));
        assertThat(holdsAfter(0)).isFalse();
        assertThat(holdsAfter(5)).isFalse();
        assertThat(holdsAfter(7)).isTrue();
        assertThat(holdsAfter(9)).isTrue();
    }

    @Test
    void aDeletedEntryAfterThePositionIsMissed() {
        redis.xdel(stream, new StreamEntryID(8, 0));
        assertThat(holdsAfter(3)).isFalse();
        assertThat(holdsAfter(8)).isTrue();
    }

    @Test
    void aStreamTrimmedEmptyHoldsOnlyWhatComesAfterItsLastEntry() {
        redis.xtrim(stream, XTrimParams.xTrimParams().maxLen(0));
        assertThat(holdsAfter(4)).isFalse();
        assertThat(holdsAfter(10)).isTrue();
    }
}
