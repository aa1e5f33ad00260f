package io.concord.common.user;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

public final class UserRepository {
    private static final RowMapper<UserRow> ROW = (rs, ctx) -> new UserRow(
            rs.getLong("id"), rs.getString("username"), rs.getString("global_name"),
            Optional.ofNullable(rs.getString("email")), Optional.ofNullable(rs.getString("password_hash")), rs.getBoolean("bot"),
            rs.getString("avatar"));
    private static final String COLUMNS = "id, username, global_name, email, password_hash, bot, avatar";
    private final Jdbi jdbi;

    public UserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts a person; false when the email is already registered. */
    public boolean insert(UserRow user) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        insert into users (id, username, global_name, email, password_hash, bot)
                        values (:id, :username, :globalName, :email, :hash, :bot)
                        on conflict do nothing""")
                .bind("id", user.id()).bind("username", user.username()).bind("globalName", user.globalName())
                .bind("email", user.email().orElse(null)).bind("hash", user.passwordHash().orElse(null)).bind("bot", user.bot())
                .execute()) == 1;
    }

    public Optional<UserRow> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from users where id = :id")
                .bind("id", id).map(ROW).findOne());
    }

    /** Login accepts the email (case-insensitive). */
    public Optional<UserRow> byEmail(String email) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from users where lower(email) = lower(:email)")
                .bind("email", email).map(ROW).findOne());
    }

    /** Is the name used by another account (case-insensitive, as usernames are unique regardless of case)? */
    public boolean usernameTaken(String username, long exceptUserId) {
        return jdbi.withHandle(h -> h.createQuery("select exists (select 1 from users where lower(username) = lower(:name) and id <> :id)")
                .bind("name", username).bind("id", exceptUserId).mapTo(Boolean.class).one());
    }

    /** Applies a profile edit (only the fields it sets) and returns the stored row; empty when the user is gone. */
    public Optional<UserRow> update(long id, ProfileEdit edit) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("""
                            update users set
                                username = case when :setUsername then :username else username end,
                                global_name = case when :setGlobalName then :globalName else global_name end,
                                avatar = case when :setAvatar then :avatar else avatar end
                            where id = :id""")
                    .bind("id", id)
                    .bind("setUsername", edit.username().isPresent()).bind("username", edit.username().orElse(null))
                    .bind("setGlobalName", edit.setGlobalName()).bind("globalName", edit.globalName())
                    .bind("setAvatar", edit.setAvatar()).bind("avatar", edit.avatar())
                    .execute();
            if (n == 0) return Optional.<UserRow>empty();
            return h.createQuery("select " + COLUMNS + " from users where id = :id").bind("id", id).map(ROW).findOne();
        });
    }

    /**
     * A change to the profile: the new username when present; {@code globalName} and {@code avatar}
     * (each may be null, which clears it) only when their flag is set.
     */
    public record ProfileEdit(Optional<String> username, boolean setGlobalName, String globalName, boolean setAvatar, String avatar) {
        public boolean isEmpty() {
            return username.isEmpty() && !setGlobalName && !setAvatar;
        }
    }

    public Map<Long, UserRow> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        List<UserRow> rows = jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from users where id = any(:ids)")
                .bind("ids", ids.stream().mapToLong(Long::longValue).toArray()).map(ROW).list());
        Map<Long, UserRow> map = new HashMap<>();
        rows.forEach(r -> map.put(r.id(), r));
        return map;
    }
}
