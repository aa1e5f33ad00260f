package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidFormAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** {@code DELETE /users/@me/guilds/{g}}. */
class LeaveGuildTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(123);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents stream = api.events();
    private static final RoleFixtures roles = api.roles();

    private static List<String> myGuilds(Accounts.User u) {
        List<String> ids = new ArrayList<>();
        rest.get("/users/@me/guilds", u.token()).json().forEach(g -> ids.add(g.path("id").asString()));
        return ids;
    }

    @Test
    void aMemberLeavesAndTheGuildHearsGuildMemberRemoveAddressedToThem() {
        Accounts.User owner = accounts.register();
        Accounts.User leaver = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        accounts.join(owner, guild.generalId(), leaver);
        GuildEvents.Mark mark = stream.mark(guild.id());

        Response r = rest.delete("/users/@me/guilds/" + guild.id(), leaver.token());

        assertThat(r.status()).as("%s", r).isEqualTo(204);
        List<GuildEvents.Event> removes = stream.since(mark, "GUILD_MEMBER_REMOVE");
        assertThat(removes).hasSize(1);
        GuildEvents.Event e = removes.getFirst();
        assertThat(e.channelId()).isZero();
        assertThat(e.userIds()).containsExactly(Long.parseLong(leaver.id()));
        JsonNode d = e.d();
        assertThat(d.path("guild_id").asString()).isEqualTo(guild.id());
        assertThat(d.path("user").path("id").asString()).isEqualTo(leaver.id());
        assertThat(d.path("user").has("email")).isFalse();
        assertThat(stream.since(mark, "GUILD_DELETE")).as("the ws-node derives GUILD_DELETE itself").isEmpty();
        assertError(rest.get("/guilds/" + guild.id() + "/members/" + leaver.id(), owner.token()), 404, 10007, "Unknown Member");
        assertError(rest.get("/guilds/" + guild.id() + "/members", leaver.token()), 403, 50001, "Missing Access");
        assertThat(myGuilds(leaver)).doesNotContain(guild.id());
    }

    @Test
    void rolesDoNotSurviveLeavingAndRejoining() {
        Accounts.User owner = accounts.register();
        Accounts.User leaver = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String role = roles.role(owner, guild, "kept?", 0);
        accounts.join(owner, guild.generalId(), leaver);
        assertThat(rest.put("/guilds/" + guild.id() + "/members/" + leaver.id() + "/roles/" + role, owner.token()).status()).isEqualTo(204);

        assertThat(rest.delete("/users/@me/guilds/" + guild.id(), leaver.token()).status()).isEqualTo(204);
        accounts.join(owner, guild.generalId(), leaver);

        Response member = rest.get("/guilds/" + guild.id() + "/members/" + leaver.id(), owner.token());
        assertThat(member.json().path("roles").isEmpty()).isTrue();
    }

    @Test
    void theOwnerCannotLeaveTheirGuild() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        GuildEvents.Mark mark = stream.mark(guild.id());

        assertError(rest.delete("/users/@me/guilds/" + guild.id(), owner.token()), 400, 50055, "Invalid Guild");

        assertThat(myGuilds(owner)).contains(guild.id());
        assertThat(stream.since(mark, "GUILD_MEMBER_REMOVE")).isEmpty();
    }

    @Test
    void leavingAGuildOneIsNotInIsUnknownGuild() {
        Accounts.User owner = accounts.register();
        Accounts.User stranger = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        accounts.join(owner, guild.generalId(), stranger);
        assertThat(rest.delete("/users/@me/guilds/" + guild.id(), stranger.token()).status()).isEqualTo(204);

        assertError(rest.delete("/users/@me/guilds/" + guild.id(), stranger.token()), 404, 10004, "Unknown Guild");
        assertError(rest.delete("/users/@me/guilds/1234567890123", stranger.token()), 404, 10004, "Unknown Guild");
        assertInvalidFormAt(rest.delete("/users/@me/guilds/abc", stranger.token()), "guild_id");
    }
}
