package io.concord.common.message;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.concord.common.id.Snowflakes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Messages in the CQL store, partitioned by {@code (channel_id, bucket)} where a bucket is a fixed
 * ten-day window of the snowflake's timestamp. A page walks buckets from the anchor towards the
 * channel's creation (older) or towards now (newer) until it is full.
 */
public final class MessageRepository {
    /** Ten days, as Discord buckets its own message partitions. */
    public static final long BUCKET_MS = 10L * 24 * 60 * 60 * 1000;
    private static final String COLUMNS = "channel_id, message_id, guild_id, author_id, type, content, nonce, edited_at, flags, tts, "
            + "mention_everyone, mentions, mention_roles, pinned, referenced_message_id, pinned_at";
    private final CqlSession session;
    private final Clock clock;
    private final PreparedStatement insert;
    private final PreparedStatement one;
    private final PreparedStatement olderThan;
    private final PreparedStatement newerThan;
    private final PreparedStatement edit;
    private final PreparedStatement pin;
    private final PreparedStatement delete;
    private final PreparedStatement between;

    public MessageRepository(CqlSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
        this.insert = session.prepare("INSERT INTO messages (channel_id, bucket, message_id, guild_id, author_id, type, content, nonce, "
                + "edited_at, flags, tts, mention_everyone, mentions, mention_roles, pinned, referenced_message_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.one = session.prepare("SELECT " + COLUMNS + " FROM messages WHERE channel_id = ? AND bucket = ? AND message_id = ?");
        this.olderThan = session.prepare("SELECT " + COLUMNS + " FROM messages WHERE channel_id = ? AND bucket = ? AND message_id < ? LIMIT ?");
        this.newerThan = session.prepare("SELECT " + COLUMNS + " FROM messages WHERE channel_id = ? AND bucket = ? AND message_id > ? "
                + "ORDER BY message_id ASC LIMIT ?");
        // IF EXISTS: an edit or pin racing a delete must not bring the message back as a partial row
        this.edit = session.prepare("UPDATE messages SET content = ?, edited_at = ?, flags = ?, mention_everyone = ?, mentions = ?, "
                + "mention_roles = ? WHERE channel_id = ? AND bucket = ? AND message_id = ? IF EXISTS");
        this.pin = session.prepare("UPDATE messages SET pinned = ?, pinned_at = ? WHERE channel_id = ? AND bucket = ? AND message_id = ? IF EXISTS");
        this.delete = session.prepare("DELETE FROM messages WHERE channel_id = ? AND bucket = ? AND message_id = ?");
        this.between = session.prepare("SELECT " + COLUMNS + " FROM messages WHERE channel_id = ? AND bucket = ? AND message_id > ? "
                + "AND message_id < ? LIMIT ?");
    }

    public static int bucket(long snowflake) {
        return (int) ((Snowflakes.timestampMs(snowflake) - Snowflakes.DISCORD_EPOCH_MS) / BUCKET_MS);
    }

    public void insert(StoredMessage m) {
        session.execute(insertOf(m));
    }

    /**
     * {@link #insert} without waiting: the write is sent when this returns, and the stage completes
     * when it is stored (or exceptionally with the driver's exception), so the caller can do other
     * work meanwhile.
     */
    public CompletionStage<?> insertAsync(StoredMessage m) {
        return session.executeAsync(insertOf(m));
    }

    private BoundStatement insertOf(StoredMessage m) {
        return insert.bind(m.channelId(), bucket(m.id()), m.id(), m.guildId(), m.authorId(), m.type(), m.content(),
                m.nonce().orElse(null), m.editedAt().orElse(null), m.flags(), m.tts(), m.mentionEveryone(), m.mentions(),
                m.mentionRoles(), m.pinned(), m.referencedMessageId() == 0 ? null : m.referencedMessageId());
    }

    /** Stores new content, flags and mentions; false when the message was deleted meanwhile. */
    public boolean update(StoredMessage m) {
        return session.execute(edit.bind(m.content(), m.editedAt().orElse(null), m.flags(), m.mentionEveryone(), m.mentions(),
                m.mentionRoles(), m.channelId(), bucket(m.id()), m.id())).wasApplied();
    }

    /** Marks the message pinned at {@code at} (or unpinned when empty); false when it no longer exists. */
    public boolean setPinned(long channelId, long messageId, Optional<java.time.Instant> at) {
        return session.execute(pin.bind(at.isPresent(), at.orElse(null), channelId, bucket(messageId), messageId)).wasApplied();
    }

    public void delete(long channelId, long messageId) {
        session.execute(delete.bind(channelId, bucket(messageId), messageId));
    }

    public Optional<StoredMessage> find(long channelId, long messageId) {
        return Optional.ofNullable(session.execute(one.bind(channelId, bucket(messageId), messageId)).one()).map(MessageRepository::row);
    }

    /** A page of history, newest first, as Discord returns it for every anchor. */
    public List<StoredMessage> history(long channelId, HistoryQuery q) {
        List<StoredMessage> page;
        if (q.around() != 0) {
            int older = (q.limit() + 1) / 2;
            page = new ArrayList<>(olderThan(channelId, q.around() + 1, older));
            page.addAll(newerThan(channelId, q.around(), q.limit() - page.size()));
        } else if (q.after() != 0) {
            page = newerThan(channelId, q.after(), q.limit());
        } else {
            page = olderThan(channelId, q.before() != 0 ? q.before() : Long.MAX_VALUE, q.limit());
        }
        page.sort(Comparator.comparingLong(StoredMessage::id).reversed());
        return page;
    }

    /**
     * At most {@code limit} messages with ids strictly between the two, newest first. Only the buckets
     * the range spans are read, so a scan of the last days never walks a channel's whole past.
     */
    public List<StoredMessage> between(long channelId, long afterId, long beforeId, int limit) {
        List<StoredMessage> out = new ArrayList<>();
        int oldest = Math.max(bucket(Math.max(afterId, 0)), bucket(channelId));
        for (int b = bucket(Math.min(beforeId - 1, nowId())); b >= oldest && out.size() < limit; b--) {
            for (Row r : session.execute(between.bind(channelId, b, afterId, beforeId, limit - out.size()))) out.add(row(r));
        }
        return out;
    }

    private List<StoredMessage> olderThan(long channelId, long before, int limit) {
        List<StoredMessage> out = new ArrayList<>();
        int oldest = bucket(channelId);
        // A client may pass any id as the anchor; never walk buckets from the future.
        for (int b = bucket(Math.min(before - 1, nowId())); b >= oldest && out.size() < limit; b--) {
            for (Row r : session.execute(olderThan.bind(channelId, b, before, limit - out.size()))) out.add(row(r));
        }
        return out;
    }

    private List<StoredMessage> newerThan(long channelId, long after, int limit) {
        List<StoredMessage> out = new ArrayList<>();
        if (limit <= 0) return out;
        int newest = bucket(nowId());
        for (int b = Math.max(bucket(after), bucket(channelId)); b <= newest && out.size() < limit; b++) {
            for (Row r : session.execute(newerThan.bind(channelId, b, after, limit - out.size()))) out.add(row(r));
        }
        return out;
    }

    private long nowId() {
        return Snowflakes.fromTimestamp(clock.millis() + 1000) | 0x3FFFFF;
    }

    private static StoredMessage row(Row r) {
        return new StoredMessage(r.getLong("channel_id"), r.getLong("message_id"), r.getLong("guild_id"), r.getLong("author_id"),
                r.getInt("type"), r.getString("content"), Optional.ofNullable(r.getString("nonce")),
                Optional.ofNullable(r.getInstant("edited_at")), r.getInt("flags"), r.getBoolean("tts"), r.getBoolean("mention_everyone"),
                r.getList("mentions", Long.class), r.getList("mention_roles", Long.class), r.getBoolean("pinned"),
                r.isNull("referenced_message_id") ? 0 : r.getLong("referenced_message_id"), Optional.ofNullable(r.getInstant("pinned_at")));
    }
}
