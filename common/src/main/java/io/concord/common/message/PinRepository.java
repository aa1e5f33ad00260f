package io.concord.common.message;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A channel's pins, newest first: one small partition per channel (Discord caps pins at 250). */
public final class PinRepository {
    public static final int MAX_PINS = 250;
    private final CqlSession session;
    private final PreparedStatement add;
    private final PreparedStatement remove;
    private final PreparedStatement page;
    private final PreparedStatement pageBefore;
    private final PreparedStatement count;

    public record Pin(long messageId, Instant pinnedAt) {}

    public PinRepository(CqlSession session) {
        this.session = session;
        this.add = session.prepare("INSERT INTO channel_pins (channel_id, pinned_at, message_id) VALUES (?, ?, ?)");
        this.remove = session.prepare("DELETE FROM channel_pins WHERE channel_id = ? AND pinned_at = ? AND message_id = ?");
        this.page = session.prepare("SELECT pinned_at, message_id FROM channel_pins WHERE channel_id = ? LIMIT ?");
        this.pageBefore = session.prepare("SELECT pinned_at, message_id FROM channel_pins WHERE channel_id = ? AND pinned_at < ? LIMIT ?");
        this.count = session.prepare("SELECT COUNT(*) FROM channel_pins WHERE channel_id = ?");
    }

    public void add(long channelId, long messageId, Instant at) {
        session.execute(add.bind(channelId, at, messageId));
    }

    public void remove(long channelId, long messageId, Instant pinnedAt) {
        session.execute(remove.bind(channelId, pinnedAt, messageId));
    }

    public int count(long channelId) {
        Row r = session.execute(count.bind(channelId)).one();
        return r == null ? 0 : (int) r.getLong(0);
    }

    /** Up to {@code limit} pins, newest first, pinned strictly before {@code before} when given. */
    public List<Pin> list(long channelId, java.util.Optional<Instant> before, int limit) {
        var rows = before.isPresent() ? session.execute(pageBefore.bind(channelId, before.get(), limit))
                : session.execute(page.bind(channelId, limit));
        List<Pin> out = new ArrayList<>();
        for (Row r : rows) out.add(new Pin(r.getLong("message_id"), r.getInstant("pinned_at")));
        return out;
    }
}
