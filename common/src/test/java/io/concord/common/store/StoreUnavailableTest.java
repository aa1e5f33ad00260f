package io.concord.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Which failures are a store out of reach (answered 503) and which are bugs (500). */
class StoreUnavailableTest {
    @Test
    void anExhaustedPostgresPoolAsJdbiReportsItIsAStoreOutOfReach() {
        var pool = new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 30000ms");
        assertThat(StoreUnavailable.causedBy(new IllegalStateException("find failed", new ConnectionException(pool)))).isTrue();
    }

    @Test
    void redisAndCqlTimeoutsAreToo() {
        assertThat(StoreUnavailable.causedBy(new JedisConnectionException("Connection refused"))).isTrue();
        assertThat(StoreUnavailable.causedBy(new RuntimeException(new DriverTimeoutException("Query timed out after PT2S")))).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(StoreUnavailable.causedBy(new IllegalStateException("bug"))).isFalse();
        assertThat(StoreUnavailable.causedBy(new RuntimeException(new NullPointerException()))).isFalse();
    }
}
