package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import java.util.Map;

/** Roles and role-holding members made for a test: roles through REST, the grant through {@link MemberRoles}. */
final class GuildFixtures {
    private final RestClient rest;
    private final Accounts accounts;
    private final MemberRoles memberRoles;

    GuildFixtures(RestClient rest, Accounts accounts, MemberRoles memberRoles) {
        this.rest = rest;
        this.accounts = accounts;
        this.memberRoles = memberRoles;
    }

    /** A role created by the owner; new roles land at position 1, so the last one made is the lowest. */
    String role(Accounts.User owner, Accounts.Guild guild, String name, long permissions) {
        Response r = rest.post("/guilds/" + guild.id() + "/roles", owner.token(),
                Map.of("name", name, "permissions", Long.toUnsignedString(permissions)));
        assertThat(r.status()).as("create role: %s", r).isEqualTo(200);
        return r.json().path("id").asString();
    }

    /** A new user who joined the guild and holds {@code roleId}. */
    Accounts.User memberWith(Accounts.User owner, Accounts.Guild guild, String roleId) {
        Accounts.User user = accounts.register();
        accounts.join(owner, guild.generalId(), user);
        memberRoles.grant(guild.id(), user.id(), roleId);
        return user;
    }

    /** A new user who joined the guild with no role. */
    Accounts.User member(Accounts.User owner, Accounts.Guild guild) {
        Accounts.User user = accounts.register();
        accounts.join(owner, guild.generalId(), user);
        return user;
    }
}
