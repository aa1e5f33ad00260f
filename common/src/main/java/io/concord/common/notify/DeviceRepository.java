package io.concord.common.notify;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Push devices in PostgreSQL ({@code devices}, V6). */
public final class DeviceRepository {
    private final Jdbi jdbi;

    public DeviceRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Registers the device for the user (moving it from whoever had it), unless the user already has
     * {@code maxPerUser} other devices. Returns false when the cap refused it.
     */
    public boolean register(long userId, String provider, String endpoint, String token, int maxPerUser) {
        return jdbi.inTransaction(h -> {
            // Serialises one user's registrations so two concurrent ones cannot both pass the cap.
            h.createQuery("select id from users where id = :u for update").bind("u", userId).mapTo(Long.class).findOne();
            int others = h.createQuery("select count(*) from devices where user_id = :u and not (provider = :p and endpoint = :e)")
                    .bind("u", userId).bind("p", provider).bind("e", endpoint).mapTo(Integer.class).one();
            if (others >= maxPerUser) return false;
            h.createUpdate("""
                            insert into devices (user_id, provider, endpoint, token) values (:u, :p, :e, :t)
                            on conflict (provider, endpoint) do update set user_id = excluded.user_id, token = excluded.token""")
                    .bind("u", userId).bind("p", provider).bind("e", endpoint).bind("t", token).execute();
            return true;
        });
    }

    /** Removes the user's device; false when the user had no such device. */
    public boolean remove(long userId, String provider, String endpoint) {
        return jdbi.withHandle(h -> h.createUpdate("delete from devices where user_id = :u and provider = :p and endpoint = :e")
                .bind("u", userId).bind("p", provider).bind("e", endpoint).execute()) > 0;
    }

    public void removeById(long deviceId) {
        jdbi.useHandle(h -> h.createUpdate("delete from devices where id = :d").bind("d", deviceId).execute());
    }

    public List<Device> ofUsers(Collection<Long> userIds) {
        if (userIds.isEmpty()) return List.of();
        return jdbi.withHandle(h -> h.createQuery("select id, user_id, provider, endpoint, token from devices where user_id = any(:u)")
                .bindArray("u", Long.class, userIds.toArray(Long[]::new))
                .map((rs, ctx) -> new Device(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5))).list());
    }

    public List<Device> ofUser(long userId) {
        return ofUsers(List.of(userId));
    }

    /** Members of the guild who have at least one device (the only ones a broadcast mention can notify). */
    public Set<Long> membersWithDevices(long guildId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select distinct d.user_id from devices d join members m on m.user_id = d.user_id and m.guild_id = :g
                        limit :n""")
                .bind("g", guildId).bind("n", limit).mapTo(Long.class).collect(Collectors.toSet()));
    }
}
