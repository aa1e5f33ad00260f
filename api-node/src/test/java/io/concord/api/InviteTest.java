package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InviteTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(104);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();

    private static Response invite(Accounts.User caller, String channelId, Map<String, Object> body) {
        return rest.post("/channels/" + channelId + "/invites", caller.token(), body);
    }

    @Test
    void creatingAnInviteEchoesItsLimitsWithAnEightCharacterCode() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = invite(owner, guild.generalId(), Map.of("max_age", 3600, "max_uses", 5));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("code").asString()).matches("[A-Za-z0-9]{8}");
        assertThat(r.json().path("max_age").asInt()).isEqualTo(3600);
        assertThat(r.json().path("max_uses").asInt()).isEqualTo(5);
        assertThat(r.json().path("uses").asInt()).isZero();
        assertThat(r.json().path("guild").path("id").asString()).isEqualTo(guild.id());
        assertThat(r.json().path("channel").path("id").asString()).isEqualTo(guild.generalId());
        assertThat(r.json().path("inviter").path("id").asString()).isEqualTo(owner.id());
    }

    @Test
    void anInviteCanBeLookedUpWithoutAToken() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String code = invite(owner, guild.generalId(), Map.of()).json().path("code").asString();

        Response r = rest.get("/invites/" + code, null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("code").asString()).isEqualTo(code);
        assertThat(r.json().path("guild").path("id").asString()).isEqualTo(guild.id());
        assertThat(r.json().path("channel").path("name").asString()).isEqualTo("general");
        assertThat(r.json().path("approximate_member_count").asInt()).isEqualTo(1);
    }

    @Test
    void acceptingAnInviteMakesTheUserAMember() {
        Accounts.User owner = accounts.register();
        Accounts.User joiner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String code = invite(owner, guild.generalId(), Map.of()).json().path("code").asString();
        assertError(rest.get("/guilds/" + guild.id(), joiner.token()), 403, 50001, "Missing Access");

        Response r = rest.post("/invites/" + code, joiner.token(), Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("guild").path("id").asString()).isEqualTo(guild.id());
        assertThat(rest.get("/guilds/" + guild.id(), joiner.token()).status()).isEqualTo(200);
        assertThat(rest.get("/invites/" + code, null).json().path("uses").asInt()).isEqualTo(1);
        assertThat(rest.get("/invites/" + code, null).json().path("approximate_member_count").asInt()).isEqualTo(2);
    }

    @Test
    void aSingleUseInviteRefusesTheSecondJoiner() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String code = invite(owner, guild.generalId(), Map.of("max_uses", 1)).json().path("code").asString();
        Accounts.User second = accounts.register();

        assertThat(rest.post("/invites/" + code, accounts.register().token(), Map.of()).status()).isEqualTo(200);
        Response r = rest.post("/invites/" + code, second.token(), Map.of());

        assertError(r, 404, 10006, "Unknown Invite");
        assertError(rest.get("/guilds/" + guild.id(), second.token()), 403, 50001, "Missing Access");
    }

    @Test
    void anUnknownCodeIsUnknownInvite() {
        assertError(rest.get("/invites/NoSuch99", null), 404, 10006, "Unknown Invite");
        assertError(rest.post("/invites/NoSuch99", accounts.register().token(), Map.of()), 404, 10006, "Unknown Invite");
        assertError(rest.get("/invites/bad%20code!", null), 404, 10006, "Unknown Invite");
    }

    @Test
    void aMaxAgeOverSevenDaysIsNumberTypeMax() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = invite(owner, guild.generalId(), Map.of("max_age", 604_801));

        assertInvalidForm(r, "NUMBER_TYPE_MAX", "max_age");
        assertThat(DiscordErrors.fieldMessage(r, "max_age")).isEqualTo("int value should be less than or equal to 604800.");
    }

    @Test
    void aNonMemberCreatingAnInviteIsMissingAccess() {
        Accounts.Guild guild = accounts.createGuild(accounts.register());

        assertError(invite(accounts.register(), guild.generalId(), Map.of()), 403, 50001, "Missing Access");
    }

    @Test
    void joiningWithoutATokenIsUnauthorized() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String code = invite(owner, guild.generalId(), Map.of()).json().path("code").asString();

        assertError(rest.post("/invites/" + code, null, Map.of()), 401, 0, "401: Unauthorized");
    }

    @Test
    void acceptingAgainAsAMemberUsesNothing() {
        Accounts.User owner = accounts.register();
        Accounts.User joiner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String code = invite(owner, guild.generalId(), Map.of("max_uses", 1)).json().path("code").asString();
        assertThat(rest.post("/invites/" + code, joiner.token(), Map.of()).status()).isEqualTo(200);

        assertError(rest.post("/invites/" + code, joiner.token(), Map.of()), 404, 10006, "Unknown Invite");
        assertThat(rest.get("/guilds/" + guild.id(), joiner.token()).status()).isEqualTo(200);
    }

    @Test
    void acceptingAsAnExistingMemberIsNotANewMember() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String code = invite(owner, guild.generalId(), Map.of()).json().path("code").asString();
        Accounts.User joiner = accounts.register();

        assertThat(rest.post("/invites/" + code, joiner.token(), Map.of()).json().path("new_member").asBoolean(false)).isTrue();
        Response again = rest.post("/invites/" + code, joiner.token(), Map.of());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("new_member").asBoolean(true)).isFalse();
        assertThat(again.json().path("uses").asInt()).isEqualTo(1);
    }
}
