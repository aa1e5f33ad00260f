package io.concord.common.dm;

import io.concord.common.model.ChannelType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * DMs and group DMs in PostgreSQL: a {@code channels} row without a guild, its recipients in
 * {@code channel_recipients}, and for a 1:1 DM the pair in {@code dm_pairs} (one DM per pair).
 */
public final class DmRepository {
    private final Jdbi jdbi;

    public DmRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The DM between the two users, created with {@code newId} if there is none; reopened for
     * {@code opener} if they had closed it. Returns the row and whether it was created.
     */
    public Opened openDm(long newId, long opener, long other) {
        long low = Math.min(opener, other), high = Math.max(opener, other);
        return jdbi.inTransaction(h -> {
            Optional<Long> existing = pair(h, low, high);
            if (existing.isPresent()) {
                h.createUpdate("update channel_recipients set open = true where channel_id = :c and user_id = :u")
                        .bind("c", existing.get()).bind("u", opener).execute();
                return new Opened(find(h, existing.get()).orElseThrow(), false);
            }
            insertChannel(h, newId, ChannelType.DM, 0, null);
            int inserted = h.createUpdate("""
                            insert into dm_pairs (low_user_id, high_user_id, channel_id) values (:l, :h, :c)
                            on conflict do nothing""")
                    .bind("l", low).bind("h", high).bind("c", newId).execute();
            if (inserted == 0) { // a concurrent open won: use its channel
                h.createUpdate("delete from channels where id = :c").bind("c", newId).execute();
                long winner = pair(h, low, high).orElseThrow();
                return new Opened(find(h, winner).orElseThrow(), false);
            }
            addRecipient(h, newId, opener);
            addRecipient(h, newId, other);
            return new Opened(find(h, newId).orElseThrow(), true);
        });
    }

    public record Opened(DmRow channel, boolean created) {}

    /** A new group DM owned by {@code owner}, recipients in order (the owner among them). */
    public DmRow createGroup(long id, long owner, List<Long> recipients, String name) {
        return jdbi.inTransaction(h -> {
            insertChannel(h, id, ChannelType.GROUP_DM, owner, name);
            for (long u : recipients) addRecipient(h, id, u);
            return find(h, id).orElseThrow();
        });
    }

    /** Adds a recipient if the group has room; false when it is full. Already there counts as added. */
    public boolean addToGroup(long channelId, long userId, int max) {
        return jdbi.inTransaction(h -> {
            // Lock the channel row so two concurrent adds cannot both pass the size check.
            h.createQuery("select id from channels where id = :c for update").bind("c", channelId).mapTo(Long.class).findOne();
            List<Long> now = recipients(h, channelId);
            if (now.contains(userId)) return true;
            if (now.size() >= max) return false;
            addRecipient(h, channelId, userId);
            return true;
        });
    }

    /**
     * Removes a recipient from a group DM. The group goes when its last recipient leaves; when the
     * owner leaves, ownership passes to the remaining recipient with the lowest id. Returns the row
     * after (empty when the group is gone).
     */
    public Optional<DmRow> removeFromGroup(long channelId, long userId) {
        return jdbi.inTransaction(h -> {
            h.createQuery("select id from channels where id = :c for update").bind("c", channelId).mapTo(Long.class).findOne();
            h.createUpdate("delete from channel_recipients where channel_id = :c and user_id = :u").bind("c", channelId).bind("u", userId).execute();
            Optional<DmRow> after = find(h, channelId);
            if (after.isEmpty()) return after;
            if (after.get().recipientIds().isEmpty()) {
                h.createUpdate("delete from channels where id = :c").bind("c", channelId).execute();
                return Optional.empty();
            }
            if (after.get().ownerId() == userId) {
                h.createUpdate("update channels set owner_id = :o where id = :c").bind("o", after.get().recipientIds().getFirst())
                        .bind("c", channelId).execute();
                return find(h, channelId);
            }
            return after;
        });
    }

    /** Hides a 1:1 DM from the user's list (Discord's "close DM"); the channel and its history stay. */
    public void close(long channelId, long userId) {
        jdbi.useHandle(h -> h.createUpdate("update channel_recipients set open = false where channel_id = :c and user_id = :u")
                .bind("c", channelId).bind("u", userId).execute());
    }

    /** Lists a 1:1 DM again for every recipient who closed it (a new message arrived). Returns who it reopened for. */
    public List<Long> reopen(long channelId) {
        return jdbi.withHandle(h -> h.createQuery("update channel_recipients set open = true where channel_id = :c and not open returning user_id")
                .bind("c", channelId).mapTo(Long.class).list());
    }

    public void rename(long channelId, String name, boolean setIcon, String icon) {
        jdbi.useHandle(h -> h.createUpdate("update channels set name = :n" + (setIcon ? ", icon = :i" : "") + " where id = :c")
                .bind("n", name).bind("i", icon).bind("c", channelId).execute());
    }

    public Optional<DmRow> find(long channelId) {
        return jdbi.withHandle(h -> find(h, channelId));
    }

    /** Recipient ids of a DM channel (empty for a guild channel or an unknown id). */
    public List<Long> recipients(long channelId) {
        return jdbi.withHandle(h -> recipients(h, channelId));
    }

    /** Every DM and group DM the user is a recipient of, open or closed (their read states). */
    public List<Long> channelIdsOf(long userId) {
        return jdbi.withHandle(h -> h.createQuery("select channel_id from channel_recipients where user_id = :u")
                .bind("u", userId).mapTo(Long.class).list());
    }

    /** The DMs and group DMs the user has open, newest first. */
    public List<DmRow> openFor(long userId) {
        return jdbi.withHandle(h -> {
            List<Long> ids = h.createQuery("""
                            select r.channel_id from channel_recipients r where r.user_id = :u and r.open order by r.channel_id desc""")
                    .bind("u", userId).mapTo(Long.class).list();
            if (ids.isEmpty()) return List.of();
            Map<Long, List<Long>> members = new LinkedHashMap<>();
            ids.forEach(id -> members.put(id, new ArrayList<>()));
            h.createQuery("select channel_id, user_id from channel_recipients where channel_id = any(:ids) order by user_id")
                    .bind("ids", ids.stream().mapToLong(Long::longValue).toArray())
                    .map((rs, ctx) -> Map.entry(rs.getLong("channel_id"), rs.getLong("user_id")))
                    .forEach(e -> members.get(e.getKey()).add(e.getValue()));
            List<DmRow> out = new ArrayList<>();
            h.createQuery("select id, type, owner_id, name, icon from channels where id = any(:ids) order by id desc")
                    .bind("ids", ids.stream().mapToLong(Long::longValue).toArray())
                    .map((rs, ctx) -> new DmRow(rs.getLong("id"), rs.getInt("type"), rs.getLong("owner_id"), rs.getString("name"),
                            rs.getString("icon"), List.copyOf(members.get(rs.getLong("id")))))
                    .forEach(out::add);
            return out;
        });
    }

    private static Optional<Long> pair(Handle h, long low, long high) {
        return h.createQuery("select channel_id from dm_pairs where low_user_id = :l and high_user_id = :h")
                .bind("l", low).bind("h", high).mapTo(Long.class).findOne();
    }

    private static void insertChannel(Handle h, long id, int type, long owner, String name) {
        h.createUpdate("insert into channels (id, guild_id, type, name, owner_id) values (:id, null, :t, :n, :o)")
                .bind("id", id).bind("t", type).bind("n", name).bind("o", type == ChannelType.GROUP_DM ? Long.valueOf(owner) : null).execute();
    }

    private static void addRecipient(Handle h, long channelId, long userId) {
        h.createUpdate("insert into channel_recipients (channel_id, user_id) values (:c, :u) on conflict do nothing")
                .bind("c", channelId).bind("u", userId).execute();
    }

    private static List<Long> recipients(Handle h, long channelId) {
        return h.createQuery("select user_id from channel_recipients where channel_id = :c order by user_id")
                .bind("c", channelId).mapTo(Long.class).list();
    }

    private static Optional<DmRow> find(Handle h, long channelId) {
        return h.createQuery("select id, type, owner_id, name, icon from channels where id = :c and guild_id is null and type in (1, 3)")
                .bind("c", channelId)
                .map((rs, ctx) -> new DmRow(rs.getLong("id"), rs.getInt("type"), rs.getLong("owner_id"), rs.getString("name"),
                        rs.getString("icon"), List.copyOf(recipients(h, channelId))))
                .findOne();
    }
}
