package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class UserTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(102);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();

    @Test
    void meReturnsTheCallerWithEmailAndDiscriminatorZero() {
        Accounts.User user = accounts.register();

        Response r = rest.get("/users/@me", user.token());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asString()).isEqualTo(user.id());
        assertThat(r.json().path("username").asString()).isEqualTo(user.username());
        assertThat(r.json().path("discriminator").asString()).isEqualTo("0");
        assertThat(r.json().path("email").asString()).isEqualTo(user.email());
        assertThat(r.json().has("password_hash")).isFalse();
    }

    @Test
    void myGuildsListTheCreatedGuildAsOwnerWithDecimalPermissions() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = rest.get("/users/@me/guilds", owner.token());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().size()).isEqualTo(1);
        JsonNode entry = r.json().path(0);
        assertThat(entry.path("id").asString()).isEqualTo(guild.id());
        assertThat(entry.path("name").asString()).isEqualTo(guild.body().path("name").asString());
        assertThat(entry.path("owner").asBoolean(false)).isTrue();
        assertThat(entry.path("permissions").isString()).as("permissions is a string").isTrue();
        assertThat(entry.path("permissions").asString()).matches("\\d+").isEqualTo(Long.toString(Permission.ALL));
    }

    @Test
    void myGuildsShowAJoinedGuildAsNotOwnedWithEveryonePermissions() {
        Accounts.User owner = accounts.register();
        Accounts.User member = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        accounts.join(owner, guild.generalId(), member);

        Response r = rest.get("/users/@me/guilds", member.token());

        assertThat(r.json().size()).isEqualTo(1);
        assertThat(r.json().path(0).path("id").asString()).isEqualTo(guild.id());
        assertThat(r.json().path(0).path("owner").asBoolean(true)).isFalse();
        assertThat(r.json().path(0).path("permissions").asString()).isEqualTo(Long.toString(Permission.DEFAULT_EVERYONE));
    }

    @Test
    void aNewUserHasNoGuilds() {
        Response r = rest.get("/users/@me/guilds", accounts.register().token());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        assertThat(r.json().size()).isZero();
    }
}
