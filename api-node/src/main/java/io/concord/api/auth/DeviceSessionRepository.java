package io.concord.api.auth;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Device sessions and their refresh tokens (stored as SHA-256 hashes, never in clear). */
final class DeviceSessionRepository {
    record TokenState(long sessionId, long userId, boolean superseded, boolean revoked) {}

    private final Jdbi jdbi;

    DeviceSessionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void create(long sessionId, long userId, String refreshHash) {
        jdbi.useTransaction(h -> {
            h.createUpdate("insert into device_sessions (id, user_id) values (:id, :u)").bind("id", sessionId).bind("u", userId).execute();
            h.createUpdate("insert into refresh_tokens (token_hash, session_id) values (:h, :s)").bind("h", refreshHash).bind("s", sessionId).execute();
        });
    }

    Optional<TokenState> find(String refreshHash) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select s.id, s.user_id, t.superseded, s.revoked_at is not null as revoked
                        from refresh_tokens t join device_sessions s on s.id = t.session_id where t.token_hash = :h""")
                .bind("h", refreshHash)
                .map((rs, ctx) -> new TokenState(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getBoolean(4))).findOne());
    }

    /** Replaces the current refresh token; false when another request rotated it first. */
    boolean rotate(String oldHash, String newHash, long sessionId) {
        return jdbi.inTransaction(h -> {
            int changed = h.createUpdate("update refresh_tokens set superseded = true where token_hash = :h and not superseded")
                    .bind("h", oldHash).execute();
            if (changed != 1) return false;
            h.createUpdate("insert into refresh_tokens (token_hash, session_id) values (:h, :s)").bind("h", newHash).bind("s", sessionId).execute();
            h.createUpdate("update device_sessions set last_used_at = now() where id = :s").bind("s", sessionId).execute();
            return true;
        });
    }

    void revoke(long sessionId) {
        jdbi.useHandle(h -> h.createUpdate("update device_sessions set revoked_at = coalesce(revoked_at, now()) where id = :s")
                .bind("s", sessionId).execute());
    }
}
