package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.Accounts.Guild;
import io.concord.api.Accounts.User;
import io.concord.api.RestClient.Response;
import io.concord.common.store.Postgres;
import io.concord.common.test.TestStack;
import java.util.Map;

/**
 * Roles and role-holding members for a test, made by the guild's owner through the REST API as a
 * client makes them. Only {@link #makeManaged} writes to the store directly.
 */
final class RoleFixtures implements AutoCloseable {
    private final RestClient rest;
    private final Accounts accounts;
    private Postgres postgres;

    RoleFixtures(RestClient rest, Accounts accounts) {
        this.rest = rest;
        this.accounts = accounts;
    }

    /** A role created by the owner; new roles land at position 1, so the last one made is the lowest. */
    String role(User owner, Guild guild, String name, long permissions) {
        Response r = rest.post("/guilds/" + guild.id() + "/roles", owner.token(),
                Map.of("name", name, "permissions", Long.toUnsignedString(permissions)));
        assertThat(r.status()).as("create role: %s", r).isEqualTo(200);
        return r.json().path("id").asString();
    }

    /** Gives {@code member} the role, as the owner would. */
    void grant(User owner, Guild guild, User member, String roleId) {
        Response r = rest.put("/guilds/" + guild.id() + "/members/" + member.id() + "/roles/" + roleId, owner.token());
        assertThat(r.status()).as("grant: %s", r).isEqualTo(204);
    }

    /** A new user who joined the guild and holds {@code roleId}. */
    User memberWith(User owner, Guild guild, String roleId) {
        User user = member(owner, guild);
        grant(owner, guild, user, roleId);
        return user;
    }

    /** A new user who joined the guild with no role. */
    User member(User owner, Guild guild) {
        User user = accounts.register();
        accounts.join(owner, guild.generalId(), user);
        return user;
    }

    /** Replaces @everyone's permissions, as the owner would. */
    void everyone(User owner, Guild guild, long permissions) {
        Response r = rest.patch("/guilds/" + guild.id() + "/roles/" + guild.id(), owner.token(),
                Map.of("permissions", Long.toUnsignedString(permissions)));
        assertThat(r.status()).as("edit @everyone: %s", r).isEqualTo(200);
    }

    /**
     * Marks a role as managed (an integration's role), straight in the store. No route turns a role
     * into a managed one: the only managed roles the API makes are the ones OAuth2 bot authorization
     * creates together with a bot member, and tests about what a managed role refuses need the flag on
     * a role of their choosing, not a bot.
     */
    void makeManaged(String roleId) {
        if (postgres == null) postgres = Postgres.connect(TestStack.stores());
        postgres.jdbi().useHandle(h -> h.createUpdate("update roles set managed = true where id = :r")
                .bind("r", Long.parseLong(roleId)).execute());
    }

    @Override
    public void close() {
        if (postgres != null) postgres.close();
    }
}
