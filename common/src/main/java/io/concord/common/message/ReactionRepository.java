package io.concord.common.message;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reactions in the CQL store: who reacted with what, one partition per message, plus a counter per
 * emoji. A reaction is added or removed with a lightweight transaction, so the counter moves only
 * when a row really appeared or disappeared, and a retried request never counts twice.
 */
public final class ReactionRepository {
    private final CqlSession session;
    private final PreparedStatement add;
    private final PreparedStatement remove;
    private final PreparedStatement bump;
    private final PreparedStatement counts;
    private final PreparedStatement countsOfMany;
    private final PreparedStatement mineOfMany;
    private final PreparedStatement users;
    private final PreparedStatement clearAll;
    private final PreparedStatement clearEmoji;
    private final PreparedStatement dropCounts;

    /** The counts of one message's emoji, in first-reacted order of the store (by emoji key). */
    public record Count(String emoji, long count) {}

    public ReactionRepository(CqlSession session) {
        this.session = session;
        this.add = session.prepare("INSERT INTO reactions (channel_id, message_id, emoji, user_id) VALUES (?, ?, ?, ?) IF NOT EXISTS");
        this.remove = session.prepare("DELETE FROM reactions WHERE channel_id = ? AND message_id = ? AND emoji = ? AND user_id = ? IF EXISTS");
        this.bump = session.prepare("UPDATE reaction_counts SET count = count + ? WHERE channel_id = ? AND message_id = ? AND emoji = ?");
        this.counts = session.prepare("SELECT emoji, count FROM reaction_counts WHERE channel_id = ? AND message_id = ?");
        this.countsOfMany = session.prepare("SELECT message_id, emoji, count FROM reaction_counts WHERE channel_id = ? AND message_id IN ?");
        this.mineOfMany = session.prepare(
                "SELECT message_id, emoji FROM reactions WHERE channel_id = ? AND message_id IN ? AND emoji IN ? AND user_id = ?");
        this.users = session.prepare("SELECT user_id FROM reactions WHERE channel_id = ? AND message_id = ? AND emoji = ? AND user_id > ? LIMIT ?");
        this.clearAll = session.prepare("DELETE FROM reactions WHERE channel_id = ? AND message_id = ?");
        this.clearEmoji = session.prepare("DELETE FROM reactions WHERE channel_id = ? AND message_id = ? AND emoji = ?");
        this.dropCounts = session.prepare("DELETE FROM reaction_counts WHERE channel_id = ? AND message_id = ?");
    }

    /** True when the reaction is new. */
    public boolean add(long channelId, long messageId, String emoji, long userId) {
        if (!session.execute(add.bind(channelId, messageId, emoji, userId)).wasApplied()) return false;
        session.execute(bump.bind(1L, channelId, messageId, emoji));
        return true;
    }

    /** True when there was such a reaction. */
    public boolean remove(long channelId, long messageId, String emoji, long userId) {
        if (!session.execute(remove.bind(channelId, messageId, emoji, userId)).wasApplied()) return false;
        session.execute(bump.bind(-1L, channelId, messageId, emoji));
        return true;
    }

    /** The emoji on a message with a positive count. */
    public List<Count> counts(long channelId, long messageId) {
        List<Count> out = new ArrayList<>();
        for (Row r : session.execute(counts.bind(channelId, messageId))) {
            if (r.getLong("count") > 0) out.add(new Count(r.getString("emoji"), r.getLong("count")));
        }
        return out;
    }

    /** {@link #counts} for a page of messages of one channel, in one query. */
    public Map<Long, List<Count>> counts(long channelId, Collection<Long> messageIds) {
        Map<Long, List<Count>> out = new HashMap<>();
        if (messageIds.isEmpty()) return out;
        for (Row r : session.execute(countsOfMany.bind(channelId, List.copyOf(messageIds)))) {
            if (r.getLong("count") > 0) {
                out.computeIfAbsent(r.getLong("message_id"), k -> new ArrayList<>()).add(new Count(r.getString("emoji"), r.getLong("count")));
            }
        }
        return out;
    }

    /** One of the user's reactions: which message, which emoji. */
    public record Mine(long messageId, String emoji) {}

    /** Which of these emoji the user put on these messages of one channel, in one query. */
    public Set<Mine> reactedBy(long channelId, Collection<Long> messageIds, Collection<String> emojis, long userId) {
        Set<Mine> out = new HashSet<>();
        if (messageIds.isEmpty() || emojis.isEmpty()) return out;
        for (Row r : session.execute(mineOfMany.bind(channelId, List.copyOf(messageIds), List.copyOf(emojis), userId))) {
            out.add(new Mine(r.getLong("message_id"), r.getString("emoji")));
        }
        return out;
    }

    /** Users who reacted with {@code emoji}, by ascending id after {@code afterUserId}. */
    public List<Long> users(long channelId, long messageId, String emoji, long afterUserId, int limit) {
        List<Long> out = new ArrayList<>();
        for (Row r : session.execute(users.bind(channelId, messageId, emoji, afterUserId, limit))) out.add(r.getLong("user_id"));
        return out;
    }

    /** Removes every reaction; returns whether there were any. */
    public boolean clear(long channelId, long messageId) {
        List<Count> present = counts(channelId, messageId);
        for (Count c : present) session.execute(bump.bind(-c.count(), channelId, messageId, c.emoji()));
        session.execute(clearAll.bind(channelId, messageId));
        return !present.isEmpty();
    }

    /** Removes every reaction with one emoji; returns whether there were any. */
    public boolean clear(long channelId, long messageId, String emoji) {
        Map<String, Long> byEmoji = new LinkedHashMap<>();
        counts(channelId, messageId).forEach(c -> byEmoji.put(c.emoji(), c.count()));
        Long n = byEmoji.get(emoji);
        if (n != null) session.execute(bump.bind(-n, channelId, messageId, emoji));
        session.execute(clearEmoji.bind(channelId, messageId, emoji));
        return n != null;
    }

    /** Forgets a deleted message's reactions (its id is never reused, so its counters may go for good). */
    public void deleteMessage(long channelId, long messageId) {
        session.execute(clearAll.bind(channelId, messageId));
        session.execute(dropCounts.bind(channelId, messageId));
    }
}
