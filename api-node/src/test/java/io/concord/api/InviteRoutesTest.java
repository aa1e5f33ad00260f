package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class InviteRoutesTest {
    private static final String UNKNOWN = "1234567890123456789";
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(114);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = api.events();
    private static final RoleFixtures fixtures = api.roles();

    private static String invite(Accounts.User caller, String channelId) {
        Response r = rest.post("/channels/" + channelId + "/invites", caller.token(), Map.of("max_age", 3600, "max_uses", 5));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().path("code").asString();
    }

    private static List<String> codes(Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        for (JsonNode i : r.json()) codes.add(i.path("code").asString());
        return codes;
    }

    @Test
    void creatingAnInvitePublishesInviteCreateToItsChannel() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);

        String code = invite(owner, g.generalId());

        List<GuildEvents.Event> created = events.of(g.id(), "INVITE_CREATE");
        assertThat(created).hasSize(1);
        assertThat(created.getFirst().channelId()).isEqualTo(Long.parseLong(g.generalId()));
        JsonNode d = created.getFirst().d();
        assertThat(d.path("code").asString()).isEqualTo(code);
        assertThat(d.path("channel_id").asString()).isEqualTo(g.generalId());
        assertThat(d.path("guild_id").asString()).isEqualTo(g.id());
        assertThat(d.path("inviter").path("id").asString()).isEqualTo(owner.id());
        assertThat(d.path("max_age").asInt()).isEqualTo(3600);
        assertThat(d.path("max_uses").asInt()).isEqualTo(5);
        assertThat(d.path("uses").asInt()).isZero();
        assertThat(d.path("temporary").isBoolean()).isTrue();
        assertThat(d.path("created_at").isString()).isTrue();
    }

    @Test
    void aVoiceChannelCanHaveInvites() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);
        String voice = rest.post("/guilds/" + g.id() + "/channels", owner.token(), Map.of("name", "Voice", "type", 2))
                .json().path("id").asString();

        assertThat(invite(owner, voice)).isNotEmpty();
    }

    @Test
    void aChannelsInvitesAreListedForThoseWhoManageIt() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);
        Accounts.User member = fixtures.member(owner, g);
        String other = rest.post("/guilds/" + g.id() + "/channels", owner.token(), Map.of("name", "other")).json().path("id").asString();
        String here = invite(owner, g.generalId());
        String there = invite(owner, other);

        assertThat(codes(rest.get("/channels/" + g.generalId() + "/invites", owner.token()))).contains(here).doesNotContain(there);
        assertError(rest.get("/channels/" + g.generalId() + "/invites", member.token()), 403, 50013, "Missing Permissions");
        assertError(rest.get("/channels/" + g.generalId() + "/invites", accounts.register().token()), 403, 50001, "Missing Access");
    }

    @Test
    void aGuildsInvitesAreListedForThoseWhoManageTheGuild() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);
        Accounts.User member = fixtures.member(owner, g);
        Accounts.User manager = fixtures.memberWith(owner, g, fixtures.role(owner, g, "mods", Permission.MANAGE_GUILD));
        String code = invite(owner, g.generalId());

        assertThat(codes(rest.get("/guilds/" + g.id() + "/invites", manager.token()))).contains(code);
        JsonNode first = rest.get("/guilds/" + g.id() + "/invites", owner.token()).json().path(0);
        assertThat(first.path("uses").isInt()).isTrue();
        assertThat(first.path("channel").path("id").isString()).isTrue();
        assertError(rest.get("/guilds/" + g.id() + "/invites", member.token()), 403, 50013, "Missing Permissions");
        assertError(rest.get("/guilds/" + UNKNOWN + "/invites", owner.token()), 404, 10004, "Unknown Guild");
    }

    @Test
    void deletingAnInviteAnswersItAndPublishesInviteDelete() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);
        String code = invite(owner, g.generalId());

        Response r = rest.delete("/invites/" + code, owner.token());

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("code").asString()).isEqualTo(code);
        assertError(rest.get("/invites/" + code, null), 404, 10006, "Unknown Invite");
        List<GuildEvents.Event> deleted = events.of(g.id(), "INVITE_DELETE");
        assertThat(deleted).hasSize(1);
        assertThat(deleted.getFirst().channelId()).isEqualTo(Long.parseLong(g.generalId()));
        assertThat(deleted.getFirst().d().path("code").asString()).isEqualTo(code);
        assertThat(deleted.getFirst().d().path("channel_id").asString()).isEqualTo(g.generalId());
        assertThat(deleted.getFirst().d().path("guild_id").asString()).isEqualTo(g.id());
    }

    @Test
    void aChannelManagerMayDeleteAnInviteButAPlainMemberMayNot() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);
        Accounts.User member = fixtures.member(owner, g);
        Accounts.User channelManager = fixtures.memberWith(owner, g, fixtures.role(owner, g, "ch", Permission.MANAGE_CHANNELS));
        String code = invite(owner, g.generalId());

        assertError(rest.delete("/invites/" + code, member.token()), 403, 50013, "Missing Permissions");
        assertError(rest.delete("/invites/" + code, accounts.register().token()), 403, 50001, "Missing Access");
        assertThat(rest.get("/invites/" + code, null).status()).isEqualTo(200);

        assertThat(rest.delete("/invites/" + code, channelManager.token()).status()).isEqualTo(200);
        assertError(rest.delete("/invites/" + code, owner.token()), 404, 10006, "Unknown Invite");
        assertError(rest.delete("/invites/nosuchcode", owner.token()), 404, 10006, "Unknown Invite");
    }
}
