package io.concord.common.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The notification delivery queue in PostgreSQL ({@code notifications}, V6): one row per (device,
 * message). A row is the whole delivery state (attempts, next attempt), so it survives a crash.
 */
public final class NotificationQueue {
    /** A claimed delivery: the device as it is now and the payload to send. */
    public record Pending(Device device, long messageId, long channelId, String payload, int attempts) {}

    private final Jdbi jdbi;

    public NotificationQueue(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Queues one notification per device; a replayed event inserts nothing new. Returns rows inserted. */
    public int enqueue(List<Device> devices, long messageId, long channelId, String payload, Instant due) {
        if (devices.isEmpty()) return 0;
        return jdbi.withHandle(h -> {
            var batch = h.prepareBatch("""
                    insert into notifications (device_id, message_id, user_id, channel_id, payload, next_attempt_at)
                    values (:d, :m, :u, :c, :p, :t) on conflict do nothing""");
            for (Device d : devices) {
                batch.bind("d", d.id()).bind("m", messageId).bind("u", d.userId()).bind("c", channelId).bind("p", payload)
                        .bind("t", Timestamp.from(due)).add();
            }
            int n = 0;
            for (int r : batch.execute()) n += Math.max(r, 0);
            return n;
        });
    }

    /**
     * Claims up to {@code limit} due rows, oldest first: counts the attempt and moves each row's next
     * attempt to {@code claimUntil}, so another dispatcher (or this one after a crash) only retries it
     * once that claim has expired.
     */
    public List<Pending> claimDue(Instant now, Instant claimUntil, int limit) {
        return jdbi.inTransaction(h -> h.createQuery("""
                        with due as (
                            select device_id, message_id from notifications where next_attempt_at <= :now
                            order by next_attempt_at, message_id limit :n for update skip locked)
                        update notifications q set attempts = q.attempts + 1, next_attempt_at = :claim
                        from due, devices d
                        where q.device_id = due.device_id and q.message_id = due.message_id and d.id = q.device_id
                        returning d.id, d.user_id, d.provider, d.endpoint, d.token, q.message_id, q.channel_id, q.payload, q.attempts,
                                  q.next_attempt_at""")
                .bind("now", Timestamp.from(now)).bind("claim", Timestamp.from(claimUntil)).bind("n", limit)
                .map((rs, ctx) -> new Pending(new Device(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                        rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getInt(9)))
                .list()
                .stream().sorted(java.util.Comparator.comparingLong(Pending::messageId)).toList());
    }

    /** Delivered, given up, or cancelled: the row goes. */
    public void done(long deviceId, long messageId) {
        jdbi.useHandle(h -> h.createUpdate("delete from notifications where device_id = :d and message_id = :m")
                .bind("d", deviceId).bind("m", messageId).execute());
    }

    public void retryAt(long deviceId, long messageId, Instant when) {
        jdbi.useHandle(h -> h.createUpdate("update notifications set next_attempt_at = :t where device_id = :d and message_id = :m")
                .bind("t", Timestamp.from(when)).bind("d", deviceId).bind("m", messageId).execute());
    }

    /** An ack of the channel up to {@code cursor}: pending notifications for those messages are dropped. */
    public int cancelUpTo(long userId, long channelId, long cursor) {
        return jdbi.withHandle(h -> h.createUpdate("delete from notifications where user_id = :u and channel_id = :c and message_id <= :m")
                .bind("u", userId).bind("c", channelId).bind("m", cursor).execute());
    }

    /** A deleted message is not notified any more. */
    public int cancelMessage(long channelId, long messageId) {
        return jdbi.withHandle(h -> h.createUpdate("delete from notifications where channel_id = :c and message_id = :m")
                .bind("c", channelId).bind("m", messageId).execute());
    }

    public int pendingFor(long userId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from notifications where user_id = :u").bind("u", userId)
                .mapTo(Integer.class).one());
    }
}
