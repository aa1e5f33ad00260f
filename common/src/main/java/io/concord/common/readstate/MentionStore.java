package io.concord.common.readstate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The mentions a message made, in the CQL store. A direct @user mention is one row in the mentioned
 * user's partition; @everyone/@here and @role mentions are ONE row per message in the channel's
 * partition whatever the guild's size, resolved per user when counted. Every write is idempotent,
 * so a worker that replays an event after a crash changes nothing.
 */
public final class MentionStore {
    /** A badge shows "99+" long before this; counting stops here so one read stays bounded. */
    public static final int MAX_COUNT = 1000;
    private final CqlSession session;
    private final PreparedStatement insertUser;
    private final PreparedStatement deleteUser;
    private final PreparedStatement insertBroadcast;
    private final PreparedStatement deleteBroadcast;
    private final PreparedStatement insertMessage;
    private final PreparedStatement findMessage;
    private final PreparedStatement deleteMessage;
    private final PreparedStatement userAfter;
    private final PreparedStatement broadcastAfter;

    public MentionStore(CqlSession session) {
        this.session = session;
        insertUser = session.prepare("INSERT INTO user_mentions (user_id, channel_id, message_id) VALUES (?, ?, ?)");
        deleteUser = session.prepare("DELETE FROM user_mentions WHERE user_id = ? AND channel_id = ? AND message_id = ?");
        insertBroadcast = session.prepare("INSERT INTO broadcast_mentions (channel_id, message_id, author_id, everyone, role_ids) VALUES (?, ?, ?, ?, ?)");
        deleteBroadcast = session.prepare("DELETE FROM broadcast_mentions WHERE channel_id = ? AND message_id = ?");
        insertMessage = session.prepare("INSERT INTO message_mentions (channel_id, message_id, user_ids) VALUES (?, ?, ?)");
        findMessage = session.prepare("SELECT user_ids FROM message_mentions WHERE channel_id = ? AND message_id = ?");
        deleteMessage = session.prepare("DELETE FROM message_mentions WHERE channel_id = ? AND message_id = ?");
        userAfter = session.prepare("SELECT message_id FROM user_mentions WHERE user_id = ? AND channel_id = ? AND message_id > ? LIMIT " + MAX_COUNT);
        broadcastAfter = session.prepare("SELECT message_id, author_id, everyone, role_ids FROM broadcast_mentions "
                + "WHERE channel_id = ? AND message_id > ? LIMIT " + MAX_COUNT);
    }

    /**
     * Records what a new message mentions. {@code users} must not hold the author (own messages
     * never count); {@code everyone} only when the message's mention_everyone is true.
     * Costs: one row per directly mentioned user, plus one row if it has broadcast mentions.
     */
    public void record(long channelId, long messageId, long authorId, Collection<Long> users, boolean everyone, Collection<Long> roles) {
        recordAsync(channelId, messageId, authorId, users, everyone, roles).join();
    }

    /**
     * {@link #record} with the writes in flight together; complete when all are. A caller that
     * acknowledges the event only after it completes loses nothing on a crash (the replay rewrites).
     */
    public CompletableFuture<Void> recordAsync(long channelId, long messageId, long authorId, Collection<Long> users, boolean everyone,
                                               Collection<Long> roles) {
        Set<Long> direct = new HashSet<>(users);
        direct.remove(authorId);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        if (!direct.isEmpty()) {
            writes.add(session.executeAsync(insertMessage.bind(channelId, messageId, direct)).toCompletableFuture());
            for (long u : direct) writes.add(session.executeAsync(insertUser.bind(u, channelId, messageId)).toCompletableFuture());
        }
        if (everyone || !roles.isEmpty()) {
            writes.add(session.executeAsync(insertBroadcast.bind(channelId, messageId, authorId, everyone, Set.copyOf(roles))).toCompletableFuture());
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    /** Removes every mention the message made (idempotent). */
    public void delete(long channelId, long messageId) {
        Row row = session.execute(findMessage.bind(channelId, messageId)).one();
        if (row != null) {
            for (long u : row.getSet("user_ids", Long.class)) session.execute(deleteUser.bind(u, channelId, messageId));
            session.execute(deleteMessage.bind(channelId, messageId));
        }
        session.execute(deleteBroadcast.bind(channelId, messageId));
    }

    /**
     * The user's mentions in the channel after the cursor: direct ones plus the broadcast ones that
     * apply to them (not their own, @everyone, or a role they hold), each message once. The caller
     * checks the user can view the channel (a channel they cannot view has no mentions for them).
     */
    public int count(long userId, long channelId, long after, Collection<Long> roleIds) {
        return countAsync(userId, channelId, after, roleIds).toCompletableFuture().join();
    }

    /** {@link #count} without blocking: both slices are read in parallel (READY counts every channel at once). */
    public CompletionStage<Integer> countAsync(long userId, long channelId, long after, Collection<Long> roleIds) {
        CompletableFuture<List<Long>> direct = all(session.executeAsync(userAfter.bind(userId, channelId, after)), r -> r.getLong(0));
        CompletableFuture<List<Long>> broadcast = all(session.executeAsync(broadcastAfter.bind(channelId, after)), r -> {
            if (r.getLong("author_id") == userId) return null;
            if (r.getBoolean("everyone")) return r.getLong("message_id");
            for (long role : r.getSet("role_ids", Long.class)) if (roleIds.contains(role)) return r.getLong("message_id");
            return null;
        });
        return direct.thenCombine(broadcast, (d, b) -> {
            Set<Long> ids = new HashSet<>(d);
            b.stream().filter(java.util.Objects::nonNull).forEach(ids::add);
            return Math.min(ids.size(), MAX_COUNT);
        });
    }

    /** Every row of an async result (all pages), mapped. */
    private static <T> CompletableFuture<List<T>> all(CompletionStage<AsyncResultSet> first, Function<Row, T> map) {
        List<T> out = new ArrayList<>();
        return page(first, map, out).toCompletableFuture();
    }

    private static <T> CompletionStage<List<T>> page(CompletionStage<AsyncResultSet> stage, Function<Row, T> map, List<T> out) {
        return stage.thenCompose(rs -> {
            for (Row r : rs.currentPage()) out.add(map.apply(r));
            return rs.hasMorePages() ? page(rs.fetchNextPage(), map, out) : CompletableFuture.completedFuture(out);
        });
    }

}
