package io.concord.common.store;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Whether a failure means a store could not be reached in time (down, or its connection pool
 * exhausted under load) rather than a bug: the request may be retried, so it is answered 503, not 500.
 */
public final class StoreUnavailable {
    private static final int MAX_DEPTH = 10;

    private StoreUnavailable() {}

    public static boolean causedBy(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectionException
                    || t instanceof JedisConnectionException
                    || t instanceof AllNodesFailedException || t instanceof DriverTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
