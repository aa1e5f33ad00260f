package io.concord.api;

import io.concord.common.store.Postgres;
import io.concord.common.test.TestStack;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Roles for member tests, written straight to the store: role routes are built in parallel with the
 * member routes. Once {@code POST /guilds/{g}/roles} exists these should go through it, except managed
 * roles, which no route creates.
 */
final class RoleFixtures implements AutoCloseable {
    private final Postgres postgres = Postgres.connect(TestStack.stores());

    /** A role with a random id (tests never rely on the id tie-break) and the given rank and permissions. */
    String create(String guildId, String name, int position, long permissions, boolean managed) {
        long id = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 62);
        postgres.jdbi().useHandle(h -> h.createUpdate("""
                        insert into roles (id, guild_id, name, permissions, position, managed)
                        values (:id, :g, :name, :perms, :pos, :managed)""")
                .bind("id", id).bind("g", Long.parseLong(guildId)).bind("name", name).bind("perms", permissions)
                .bind("pos", position).bind("managed", managed).execute());
        return Long.toString(id);
    }

    String create(String guildId, String name, int position, long permissions) {
        return create(guildId, name, position, permissions, false);
    }

    /** Replaces @everyone's permissions. */
    void everyone(String guildId, long permissions) {
        postgres.jdbi().useHandle(h -> h.createUpdate("update roles set permissions = :p where id = :g")
                .bind("p", permissions).bind("g", Long.parseLong(guildId)).execute());
    }

    @Override
    public void close() {
        postgres.close();
    }
}
