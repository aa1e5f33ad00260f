package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class OverwriteTest {
    private static final String UNKNOWN = "1234567890123456789";
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(112);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = api.events();
    private static final RoleFixtures fixtures = api.roles();

    private static String path(String channelId, String targetId) {
        return "/channels/" + channelId + "/permissions/" + targetId;
    }

    private static JsonNode overwrites(Accounts.User caller, String channelId) {
        Response r = rest.get("/channels/" + channelId, caller.token());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().path("permission_overwrites");
    }

    private static Map<String, Object> overwrite(int type, long allow, long deny) {
        return Map.of("type", type, "allow", Long.toUnsignedString(allow), "deny", Long.toUnsignedString(deny));
    }

    @Test
    void theOwnerPutsARoleOverwriteAndTheChannelIsUpdated() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String role = fixtures.role(owner, guild, "muted", 0);

        Response r = rest.put(path(guild.generalId(), role), owner.token(), overwrite(0, 0, Permission.SEND_MESSAGES));

        assertThat(r.status()).as("%s", r).isEqualTo(204);
        JsonNode ow = overwrites(owner, guild.generalId());
        assertThat(ow.size()).isEqualTo(1);
        assertThat(ow.path(0).path("id").asString()).isEqualTo(role);
        assertThat(ow.path(0).path("type").asInt()).isZero();
        assertThat(ow.path(0).path("deny").asString()).isEqualTo(Long.toString(Permission.SEND_MESSAGES));
        List<GuildEvents.Event> updates = events.of(guild.id(), "CHANNEL_UPDATE");
        assertThat(updates).hasSize(1);
        assertThat(updates.getFirst().channelId()).isEqualTo(Long.parseLong(guild.generalId()));
        assertThat(updates.getFirst().d().path("permission_overwrites")).isEqualTo(ow);
    }

    @Test
    void puttingAgainReplacesTheOverwrite() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        Accounts.User member = fixtures.member(owner, guild);

        rest.put(path(guild.generalId(), member.id()), owner.token(), overwrite(1, Permission.ATTACH_FILES, 0));
        rest.put(path(guild.generalId(), member.id()), owner.token(), overwrite(1, 0, Permission.ADD_REACTIONS));

        JsonNode ow = overwrites(owner, guild.generalId());
        assertThat(ow.size()).isEqualTo(1);
        assertThat(ow.path(0).path("type").asInt()).isEqualTo(1);
        assertThat(ow.path(0).path("allow").asString()).isEqualTo("0");
        assertThat(ow.path(0).path("deny").asString()).isEqualTo(Long.toString(Permission.ADD_REACTIONS));
    }

    @Test
    void aRoleOverwriteMustNameARoleOfTheGuildAndAMemberOverwriteAMember() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        Accounts.Guild other = accounts.createGuild(owner);
        Accounts.User stranger = accounts.register();

        assertError(rest.put(path(guild.generalId(), UNKNOWN), owner.token(), overwrite(0, 0, 1024)), 404, 10011, "Unknown Role");
        assertError(rest.put(path(guild.generalId(), other.id()), owner.token(), overwrite(0, 0, 1024)), 404, 10011, "Unknown Role");
        assertError(rest.put(path(guild.generalId(), stranger.id()), owner.token(), overwrite(1, 0, 1024)), 404, 10007, "Unknown Member");
        assertThat(overwrites(owner, guild.generalId()).size()).isZero();
    }

    @Test
    void aMemberWithoutManageRolesCannotTouchOverwrites() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        Accounts.User member = fixtures.member(owner, guild);
        rest.put(path(guild.generalId(), guild.id()), owner.token(), overwrite(0, 0, Permission.ADD_REACTIONS));

        assertError(rest.put(path(guild.generalId(), member.id()), member.token(), overwrite(1, Permission.ATTACH_FILES, 0)),
                403, 50013, "Missing Permissions");
        assertError(rest.delete(path(guild.generalId(), guild.id()), member.token()), 403, 50013, "Missing Permissions");

        assertThat(overwrites(owner, guild.generalId()).size()).isEqualTo(1);
    }

    @Test
    void aRoleManagerMayOnlyAllowOrDenyWhatTheyHoldInTheChannel() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String managerRole = fixtures.role(owner, guild, "managers", Permission.DEFAULT_EVERYONE | Permission.MANAGE_ROLES);
        Accounts.User manager = fixtures.memberWith(owner, guild, managerRole);
        Accounts.User member = fixtures.member(owner, guild);
        JsonNode before = overwrites(owner, guild.generalId());

        assertError(rest.put(path(guild.generalId(), member.id()), manager.token(), overwrite(1, Permission.MANAGE_GUILD, 0)),
                403, 50013, "Missing Permissions");
        assertError(rest.put(path(guild.generalId(), member.id()), manager.token(), overwrite(1, 0, Permission.KICK_MEMBERS)),
                403, 50013, "Missing Permissions");
        assertThat(overwrites(owner, guild.generalId())).isEqualTo(before);

        Response allowed = rest.put(path(guild.generalId(), member.id()), manager.token(), overwrite(1, 0, Permission.SEND_MESSAGES));
        assertThat(allowed.status()).as("%s", allowed).isEqualTo(204);
    }

    @Test
    void badOverwriteBodiesAreInvalidFormBody() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String target = path(guild.generalId(), guild.id());

        assertInvalidForm(rest.put(target, owner.token(), Map.of("type", 2, "allow", "0", "deny", "0")), "BASE_TYPE_CHOICES", "type");
        assertInvalidForm(rest.put(target, owner.token(), Map.of("type", 0, "allow", "lots", "deny", "0")), "NUMBER_TYPE_COERCE", "allow");
        assertInvalidForm(rest.put(target, owner.token(), Map.of("type", 0, "allow", "0", "deny", -1)), "NUMBER_TYPE_COERCE", "deny");
        assertInvalidForm(rest.put(path(guild.generalId(), "abc"), owner.token(), overwrite(0, 0, 0)), "NUMBER_TYPE_COERCE", "overwrite_id");
        assertThat(overwrites(owner, guild.generalId()).size()).isZero();
    }

    @Test
    void deletingAnOverwriteAnswers204AndDeletingNoneToo() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        rest.put(path(guild.generalId(), guild.id()), owner.token(), overwrite(0, 0, Permission.ADD_REACTIONS));

        assertThat(rest.delete(path(guild.generalId(), guild.id()), owner.token()).status()).isEqualTo(204);
        assertThat(overwrites(owner, guild.generalId()).size()).isZero();
        assertThat(rest.delete(path(guild.generalId(), UNKNOWN), owner.token()).status()).isEqualTo(204);
        assertThat(events.of(guild.id(), "CHANNEL_UPDATE")).hasSize(2);
    }

    @Test
    void aChannelTheCallerCannotSeeIsMissingAccessWhateverTheTarget() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String hidden = accounts.channelDenyingEveryone(owner, guild, Permission.VIEW_CHANNEL);
        Accounts.User manager = fixtures.memberWith(owner, guild, fixtures.role(owner, guild, "m", Permission.MANAGE_ROLES));
        Accounts.User stranger = accounts.register();

        assertError(rest.put(path(hidden, guild.id()), manager.token(), overwrite(0, 0, 0)), 403, 50001, "Missing Access");
        assertError(rest.put(path(guild.generalId(), guild.id()), stranger.token(), overwrite(0, 0, 0)), 403, 50001, "Missing Access");
        assertError(rest.delete(path(hidden, guild.id()), stranger.token()), 403, 50001, "Missing Access");
        assertError(rest.put(path(UNKNOWN, guild.id()), owner.token(), overwrite(0, 0, 0)), 404, 10003, "Unknown Channel");
    }
}
