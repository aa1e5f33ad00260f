package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static io.concord.api.DiscordErrors.assertInvalidFormAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class RoleRoutesTest {
    private static final String UNKNOWN = "1234567890123456789";
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(110);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = api.events();
    private static final RoleFixtures fixtures = api.roles();

    private static String rolesPath(Accounts.Guild g) {
        return "/guilds/" + g.id() + "/roles";
    }

    private static JsonNode role(Accounts.User caller, Accounts.Guild g, String roleId) {
        Response r = rest.get(rolesPath(g) + "/" + roleId, caller.token());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    private static List<String> idsByPosition(Accounts.User caller, Accounts.Guild g) {
        Response r = rest.get(rolesPath(g), caller.token());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<JsonNode> roles = new ArrayList<>();
        r.json().forEach(roles::add);
        roles.sort((a, b) -> Integer.compare(a.path("position").asInt(), b.path("position").asInt()));
        return roles.stream().map(n -> n.path("id").asString()).toList();
    }

    /** Owner, a guild and three roles from the top: high, mid (MANAGE_ROLES, held by the manager), low. */
    private record Ladder(Accounts.User owner, Accounts.Guild guild, String high, String mid, String low, Accounts.User manager) {}

    private static Ladder ladder(long managerPermissions) {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String high = fixtures.role(owner, guild, "high", 0);
        String mid = fixtures.role(owner, guild, "mid", managerPermissions);
        String low = fixtures.role(owner, guild, "low", 0);
        return new Ladder(owner, guild, high, mid, low, fixtures.memberWith(owner, guild, mid));
    }

    @Test
    void aNewRoleLandsAtPositionOneAndPushesTheOthersUp() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String first = fixtures.role(owner, guild, "first", 0);

        Response r = rest.post(rolesPath(guild), owner.token(), Map.of("name", "second", "permissions", "1024", "hoist", true));

        assertThat(r.status()).isEqualTo(200);
        String second = r.json().path("id").asString();
        assertThat(r.json().path("position").asInt()).isEqualTo(1);
        assertThat(r.json().path("permissions").asString()).isEqualTo("1024");
        assertThat(r.json().path("hoist").asBoolean()).isTrue();
        assertThat(r.json().path("colors").path("primary_color").isInt()).isTrue();
        assertThat(role(owner, guild, first).path("position").asInt()).isEqualTo(2);
        assertThat(idsByPosition(owner, guild)).containsExactly(guild.id(), second, first);
    }

    @Test
    void aRoleWithoutABodyIsNamedNewRoleWithTheEveryonePermissions() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = rest.post(rolesPath(guild), owner.token(), Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("name").asString()).isEqualTo("new role");
        assertThat(r.json().path("permissions").asString()).isEqualTo(Long.toString(Permission.DEFAULT_EVERYONE));
    }

    @Test
    void creatingARolePublishesGuildRoleCreateGuildWide() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        String id = fixtures.role(owner, guild, "announced", Permission.SEND_MESSAGES);

        List<GuildEvents.Event> created = events.of(guild.id(), "GUILD_ROLE_CREATE");
        assertThat(created).hasSize(1);
        assertThat(created.getFirst().channelId()).isZero();
        JsonNode d = created.getFirst().d();
        assertThat(d.path("guild_id").asString()).isEqualTo(guild.id());
        assertThat(d.path("role").path("id").asString()).isEqualTo(id);
        assertThat(d.path("role").path("permissions").asString()).isEqualTo(Long.toString(Permission.SEND_MESSAGES));
        assertThat(d.path("role").path("colors").has("primary_color")).isTrue();
    }

    @Test
    void colorsKeepColorEqualToThePrimaryColor() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = rest.post(rolesPath(guild), owner.token(), Map.of("name", "gradient",
                "colors", Map.of("primary_color", 0x112233, "secondary_color", 0x445566)));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("color").asInt()).isEqualTo(0x112233);
        assertThat(r.json().path("colors").path("primary_color").asInt()).isEqualTo(0x112233);
        assertThat(r.json().path("colors").path("secondary_color").asInt()).isEqualTo(0x445566);

        Response edited = rest.patch(rolesPath(guild) + "/" + r.json().path("id").asString(), owner.token(), Map.of("color", 0xabcdef));
        assertThat(edited.json().path("colors").path("primary_color").asInt()).isEqualTo(0xabcdef);
        assertThat(edited.json().path("colors").path("secondary_color").asInt()).isEqualTo(0x445566);
    }

    @Test
    void aMemberWithoutManageRolesCannotCreateARoleAndNothingIsCreated() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        Accounts.User member = fixtures.member(owner, guild);

        assertError(rest.post(rolesPath(guild), member.token(), Map.of("name", "mine")), 403, 50013, "Missing Permissions");

        assertThat(idsByPosition(owner, guild)).containsExactly(guild.id());
    }

    @Test
    void aManagerCannotCreateARoleWithPermissionsTheyDoNotHold() {
        Ladder l = ladder(Permission.MANAGE_ROLES);
        List<String> before = idsByPosition(l.owner(), l.guild());

        Response r = rest.post(rolesPath(l.guild()), l.manager().token(),
                Map.of("name", "admin", "permissions", Long.toString(Permission.ADMINISTRATOR)));

        assertError(r, 403, 50013, "Missing Permissions");
        assertThat(idsByPosition(l.owner(), l.guild())).isEqualTo(before);
    }

    @Test
    void aManagerEditsARoleBelowTheirHighestButNotTheirOwnOrOneAbove() {
        Ladder l = ladder(Permission.MANAGE_ROLES);
        JsonNode highBefore = role(l.owner(), l.guild(), l.high());
        JsonNode midBefore = role(l.owner(), l.guild(), l.mid());

        assertError(rest.patch(rolesPath(l.guild()) + "/" + l.high(), l.manager().token(), Map.of("name", "mine")), 403, 50013, "Missing Permissions");
        assertError(rest.patch(rolesPath(l.guild()) + "/" + l.mid(), l.manager().token(), Map.of("name", "mine")), 403, 50013, "Missing Permissions");
        Response low = rest.patch(rolesPath(l.guild()) + "/" + l.low(), l.manager().token(), Map.of("name", "renamed", "mentionable", true));

        assertThat(low.status()).as("%s", low).isEqualTo(200);
        assertThat(low.json().path("name").asString()).isEqualTo("renamed");
        assertThat(low.json().path("mentionable").asBoolean()).isTrue();
        assertThat(role(l.owner(), l.guild(), l.high())).isEqualTo(highBefore);
        assertThat(role(l.owner(), l.guild(), l.mid())).isEqualTo(midBefore);
    }

    @Test
    void aManagerCannotAddAPermissionTheyLackToALowerRole() {
        Ladder l = ladder(Permission.MANAGE_ROLES);
        JsonNode before = role(l.owner(), l.guild(), l.low());

        Response r = rest.patch(rolesPath(l.guild()) + "/" + l.low(), l.manager().token(),
                Map.of("permissions", Long.toString(Permission.MANAGE_GUILD)));

        assertError(r, 403, 50013, "Missing Permissions");
        assertThat(role(l.owner(), l.guild(), l.low())).isEqualTo(before);
        Response allowed = rest.patch(rolesPath(l.guild()) + "/" + l.low(), l.manager().token(),
                Map.of("permissions", Long.toString(Permission.MANAGE_ROLES)));
        assertThat(allowed.status()).as("%s", allowed).isEqualTo(200);
    }

    @Test
    void anAdministratorBypassesTheHierarchy() {
        Ladder l = ladder(Permission.ADMINISTRATOR);

        Response r = rest.patch(rolesPath(l.guild()) + "/" + l.high(), l.manager().token(),
                Map.of("permissions", Long.toString(Permission.MANAGE_GUILD)));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("permissions").asString()).isEqualTo(Long.toString(Permission.MANAGE_GUILD));
    }

    @Test
    void editingARolePublishesGuildRoleUpdateWithTheRole() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String id = fixtures.role(owner, guild, "before", 0);

        rest.patch(rolesPath(guild) + "/" + id, owner.token(), Map.of("name", "after"));

        List<GuildEvents.Event> updates = events.of(guild.id(), "GUILD_ROLE_UPDATE");
        assertThat(updates).hasSize(1);
        assertThat(updates.getFirst().channelId()).isZero();
        assertThat(updates.getFirst().d().path("guild_id").asString()).isEqualTo(guild.id());
        assertThat(updates.getFirst().d().path("role").path("name").asString()).isEqualTo("after");
        assertThat(updates.getFirst().d().path("role").path("id").asString()).isEqualTo(id);
    }

    @Test
    void badRoleFieldsAreInvalidFormBodyOnTheirField() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String path = rolesPath(guild);

        assertInvalidForm(rest.post(path, owner.token(), Map.of("name", "x".repeat(101))), "BASE_TYPE_MAX_LENGTH", "name");
        assertInvalidForm(rest.post(path, owner.token(), Map.of("color", 0x1000000)), "NUMBER_TYPE_MAX", "color");
        assertInvalidForm(rest.post(path, owner.token(), Map.of("permissions", "lots")), "NUMBER_TYPE_COERCE", "permissions");
        assertInvalidForm(rest.post(path, owner.token(), Map.of("hoist", "yes")), "BOOLEAN_TYPE_CONVERT", "hoist");
        assertInvalidFormAt(rest.post(path, owner.token(), Map.of("colors", Map.of("primary_color", 1, "secondary_color", -1))),
                "colors.secondary_color");
        assertThat(idsByPosition(owner, guild)).containsExactly(guild.id());
    }

    @Test
    void unknownRolesAndGuildsAreTheirOwn404() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        assertError(rest.get(rolesPath(guild) + "/" + UNKNOWN, owner.token()), 404, 10011, "Unknown Role");
        assertError(rest.patch(rolesPath(guild) + "/" + UNKNOWN, owner.token(), Map.of("name", "x")), 404, 10011, "Unknown Role");
        assertError(rest.delete(rolesPath(guild) + "/" + UNKNOWN, owner.token()), 404, 10011, "Unknown Role");
        assertError(rest.get("/guilds/" + UNKNOWN + "/roles", owner.token()), 404, 10004, "Unknown Guild");
    }

    @Test
    void aNonMemberIsMissingAccessAndLearnsNothingOfTheRoles() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String id = fixtures.role(owner, guild, "secret", 0);
        Accounts.User stranger = accounts.register();

        assertError(rest.get(rolesPath(guild), stranger.token()), 403, 50001, "Missing Access");
        assertError(rest.get(rolesPath(guild) + "/" + id, stranger.token()), 403, 50001, "Missing Access");
        assertError(rest.get(rolesPath(guild) + "/" + UNKNOWN, stranger.token()), 403, 50001, "Missing Access");
        assertError(rest.post(rolesPath(guild), stranger.token(), Map.of()), 403, 50001, "Missing Access");
    }

    @Test
    void everyoneKeepsItsNameAndCannotBeDeletedButItsPermissionsChange() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String everyone = rolesPath(guild) + "/" + guild.id();

        assertError(rest.delete(everyone, owner.token()), 400, 50028, "Invalid Role");
        assertInvalidFormAt(rest.patch(everyone, owner.token(), Map.of("name", "everybody")), "name");
        Response r = rest.patch(everyone, owner.token(), Map.of("permissions", "1024"));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(role(owner, guild, guild.id()).path("permissions").asString()).isEqualTo("1024");
        assertThat(role(owner, guild, guild.id()).path("name").asString()).isEqualTo("@everyone");
    }

    @Test
    void aManagedRoleCannotBeRenamedOrDeleted() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String id = fixtures.role(owner, guild, "bot", 0);
        fixtures.makeManaged(id);

        assertError(rest.patch(rolesPath(guild) + "/" + id, owner.token(), Map.of("name", "renamed")), 403, 50013, "Missing Permissions");
        assertError(rest.delete(rolesPath(guild) + "/" + id, owner.token()), 400, 50028, "Invalid Role");
        assertThat(role(owner, guild, id).path("name").asString()).isEqualTo("bot");
        assertThat(rest.patch(rolesPath(guild) + "/" + id, owner.token(), Map.of("color", 5)).status()).isEqualTo(200);
    }

    @Test
    void deletingARoleAnswers204AndPublishesGuildRoleDelete() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String id = fixtures.role(owner, guild, "doomed", 0);

        Response r = rest.delete(rolesPath(guild) + "/" + id, owner.token());

        assertThat(r.status()).as("%s", r).isEqualTo(204);
        assertError(rest.get(rolesPath(guild) + "/" + id, owner.token()), 404, 10011, "Unknown Role");
        List<GuildEvents.Event> deleted = events.of(guild.id(), "GUILD_ROLE_DELETE");
        assertThat(deleted).hasSize(1);
        assertThat(deleted.getFirst().channelId()).isZero();
        assertThat(deleted.getFirst().d().path("role_id").asString()).isEqualTo(id);
        assertThat(deleted.getFirst().d().path("guild_id").asString()).isEqualTo(guild.id());
    }

    @Test
    void aManagerCannotDeleteARoleAtOrAboveTheirHighest() {
        Ladder l = ladder(Permission.MANAGE_ROLES);

        assertError(rest.delete(rolesPath(l.guild()) + "/" + l.high(), l.manager().token()), 403, 50013, "Missing Permissions");
        assertError(rest.delete(rolesPath(l.guild()) + "/" + l.mid(), l.manager().token()), 403, 50013, "Missing Permissions");
        assertThat(rest.delete(rolesPath(l.guild()) + "/" + l.low(), l.manager().token()).status()).isEqualTo(204);
        assertThat(idsByPosition(l.owner(), l.guild())).containsExactly(l.guild().id(), l.mid(), l.high());
    }

    @Test
    void theOwnerReordersRolesAndGetsThemAllSortedByPosition() {
        Ladder l = ladder(Permission.MANAGE_ROLES);

        Response r = rest.patch(rolesPath(l.guild()), l.owner().token(), List.of(Map.of("id", l.low(), "position", 3)));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<String> order = new ArrayList<>();
        int last = -1;
        for (JsonNode role : r.json()) {
            assertThat(role.path("position").asInt()).isGreaterThan(last);
            last = role.path("position").asInt();
            order.add(role.path("id").asString());
        }
        assertThat(order).containsExactly(l.guild().id(), l.mid(), l.high(), l.low());
        assertThat(idsByPosition(l.owner(), l.guild())).isEqualTo(order);
        assertThat(events.of(l.guild().id(), "GUILD_ROLE_UPDATE")).extracting(e -> e.d().path("role").path("id").asString())
                .containsExactlyInAnyOrder(l.low(), l.mid(), l.high());
    }

    @Test
    void aManagerCannotMoveARoleToOrAboveTheirHighest() {
        Ladder l = ladder(Permission.MANAGE_ROLES);
        List<String> before = idsByPosition(l.owner(), l.guild());

        assertError(rest.patch(rolesPath(l.guild()), l.manager().token(), List.of(Map.of("id", l.low(), "position", 3))),
                403, 50013, "Missing Permissions");
        assertError(rest.patch(rolesPath(l.guild()), l.manager().token(), List.of(Map.of("id", l.high(), "position", 1))),
                403, 50013, "Missing Permissions");

        assertThat(idsByPosition(l.owner(), l.guild())).isEqualTo(before);
    }

    @Test
    void everyoneCannotBeMovedAndTheBodyMustBeAList() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        assertInvalidFormAt(rest.patch(rolesPath(guild), owner.token(), List.of(Map.of("id", guild.id(), "position", 2))), "0.id");
        assertInvalidFormAt(rest.patch(rolesPath(guild), owner.token(), Map.of("id", guild.id())), "");
        assertInvalidFormAt(rest.patch(rolesPath(guild), owner.token(), List.of(Map.of("id", "nope", "position", 1))), "0.id");
        assertError(rest.patch(rolesPath(guild), owner.token(), List.of(Map.of("id", UNKNOWN, "position", 1))), 404, 10011, "Unknown Role");
    }

    @Test
    void aGuildHoldsAtMost250Roles() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        for (int i = 1; i < 250; i++) {
            assertThat(rest.post(rolesPath(guild), owner.token(), Map.of("name", "r" + i)).status()).isEqualTo(200);
        }

        Response r = rest.post(rolesPath(guild), owner.token(), Map.of("name", "one too many"));

        assertError(r, 400, 30005, "Maximum number of guild roles reached (250)");
        assertThat(rest.get(rolesPath(guild), owner.token()).json().size()).isEqualTo(250);
    }
}
