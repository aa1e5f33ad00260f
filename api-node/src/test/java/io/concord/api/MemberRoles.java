package io.concord.api;

import io.concord.common.store.Postgres;
import io.concord.common.test.TestStack;

/**
 * Gives members roles straight in the store: the member-role routes belong to another part of the
 * API, and these tests are about what a member holding a role may do, not about how they got it.
 */
final class MemberRoles implements AutoCloseable {
    private final Postgres postgres = Postgres.connect(TestStack.stores());

    void grant(String guildId, String userId, String roleId) {
        postgres.jdbi().useHandle(h -> h.createUpdate("insert into member_roles (guild_id, user_id, role_id) values (:g, :u, :r)")
                .bind("g", Long.parseLong(guildId)).bind("u", Long.parseLong(userId)).bind("r", Long.parseLong(roleId)).execute());
    }

    /** Marks a role as managed (an integration's role), which no route can create. */
    void makeManaged(String roleId) {
        postgres.jdbi().useHandle(h -> h.createUpdate("update roles set managed = true where id = :r")
                .bind("r", Long.parseLong(roleId)).execute());
    }

    @Override
    public void close() {
        postgres.close();
    }
}
