package io.concord.common.readstate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Read states in the CQL store, partitioned by user. Each write carries {@code USING TIMESTAMP
 * version * 1000}: the newest version wins whatever order batches arrive in or are replayed.
 */
public final class ReadStateRepository {
    /** Rows per unlogged batch (all of one user's partition). */
    static final int BATCH_ROWS = 50;
    private final CqlSession session;
    private final PreparedStatement upsert;
    private final PreparedStatement byUser;

    public ReadStateRepository(CqlSession session) {
        this.session = session;
        this.upsert = session.prepare("INSERT INTO read_states (user_id, channel_id, guild_id, last_message_id, mention_base, "
                + "last_pin_timestamp, version) VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        this.byUser = session.prepare("SELECT channel_id, guild_id, last_message_id, mention_base, last_pin_timestamp, version "
                + "FROM read_states WHERE user_id = ?");
    }

    /**
     * Writes the states: one unlogged batch per user partition (a single-partition batch is one
     * mutation), all users in parallel. Returns the number of CQL statements executed (batches).
     */
    public int saveAll(Collection<ReadState> states) {
        Map<Long, List<ReadState>> byUserId = new LinkedHashMap<>();
        for (ReadState s : states) byUserId.computeIfAbsent(s.userId(), u -> new ArrayList<>()).add(s);
        List<CompletionStage<?>> pending = new ArrayList<>();
        for (List<ReadState> rows : byUserId.values()) {
            for (int i = 0; i < rows.size(); i += BATCH_ROWS) {
                BatchStatementBuilder b = BatchStatement.builder(BatchType.UNLOGGED);
                for (ReadState s : rows.subList(i, Math.min(rows.size(), i + BATCH_ROWS))) {
                    b.addStatement(upsert.bind(s.userId(), s.channelId(), s.guildId(), s.lastMessageId(), s.mentionBase(),
                            s.lastPinMs() == 0 ? null : Instant.ofEpochMilli(s.lastPinMs()), s.version(), s.version() * 1000));
                }
                pending.add(session.executeAsync(b.build()));
            }
        }
        for (CompletionStage<?> p : pending) p.toCompletableFuture().join();
        return pending.size();
    }

    public Map<Long, ReadState> all(long userId) {
        Map<Long, ReadState> out = new HashMap<>();
        for (Row r : session.execute(byUser.bind(userId))) {
            Instant pin = r.getInstant("last_pin_timestamp");
            out.put(r.getLong("channel_id"), new ReadState(userId, r.getLong("guild_id"), r.getLong("channel_id"), r.getLong("last_message_id"),
                    r.getInt("mention_base"), pin == null ? 0 : pin.toEpochMilli(), r.getLong("version")));
        }
        return out;
    }
}
