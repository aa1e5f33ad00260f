package io.concord.common.application;

import io.concord.common.auth.TokenAuthenticator;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Applications, their bot users and the hash of each bot's current token. */
public final class ApplicationRepository implements TokenAuthenticator.BotTokenLookup {
    private static final RowMapper<ApplicationRow> ROW = (rs, ctx) -> new ApplicationRow(rs.getLong("id"), rs.getLong("owner_id"),
            rs.getString("name"), rs.getString("description"), rs.getInt("flags"), rs.getString("verify_key"),
            rs.getBoolean("bot_public"), rs.getBoolean("bot_require_code_grant"));
    private static final String COLUMNS = "id, owner_id, name, description, flags, verify_key, bot_public, bot_require_code_grant";
    private final Jdbi jdbi;

    public ApplicationRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Creates the bot user and the application (same id) in one transaction. */
    public void create(ApplicationRow app, String botUsername) {
        jdbi.useTransaction(h -> {
            h.createUpdate("insert into users (id, username, bot) values (:id, :username, true)")
                    .bind("id", app.id()).bind("username", botUsername).execute();
            h.createUpdate("""
                            insert into applications (id, owner_id, name, description, flags, verify_key, bot_public, bot_require_code_grant)
                            values (:id, :owner, :name, :description, :flags, :key, :public, :codeGrant)""")
                    .bind("id", app.id()).bind("owner", app.ownerId()).bind("name", app.name()).bind("description", app.description())
                    .bind("flags", app.flags()).bind("key", app.verifyKey()).bind("public", app.botPublic())
                    .bind("codeGrant", app.botRequireCodeGrant()).execute();
        });
    }

    /** Whether any account already uses this username, ignoring case. */
    public boolean usernameTaken(String username) {
        return jdbi.withHandle(h -> h.createQuery("select exists (select 1 from users where lower(username) = lower(:u))")
                .bind("u", username).mapTo(Boolean.class).one());
    }

    /** The application by its id, which is also its bot user's id. */
    public Optional<ApplicationRow> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from applications where id = :id")
                .bind("id", id).map(ROW).findOne());
    }

    public void updateFlags(long id, int flags) {
        jdbi.useHandle(h -> h.createUpdate("update applications set flags = :flags where id = :id").bind("flags", flags).bind("id", id).execute());
    }

    /** Stores the new token's hash; returns the hash it replaced, if there was one. */
    public Optional<String> replaceTokenHash(long id, String newHash) {
        return jdbi.inTransaction(h -> {
            Optional<String> old = h.createQuery("select coalesce(bot_token_hash, '') from applications where id = :id for update")
                    .bind("id", id).mapTo(String.class).findOne().filter(s -> !s.isEmpty());
            h.createUpdate("update applications set bot_token_hash = :hash where id = :id").bind("hash", newHash).bind("id", id).execute();
            return old;
        });
    }

    @Override
    public OptionalLong botUserId(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("select id from applications where bot_token_hash = :h")
                .bind("h", tokenHash).mapTo(Long.class).findOne())
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
