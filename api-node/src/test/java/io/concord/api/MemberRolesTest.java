package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Member roles: {@code PATCH /members/{u} {roles}} and {@code PUT/DELETE /members/{u}/roles/{r}}. */
class MemberRolesTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(122);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents stream = api.events();
    private static final RoleFixtures roles = api.roles();

    /** owner; manager holding "manager" (MANAGE_ROLES); target and plain without roles; roles from the top: above, manager, below, managed. */
    record World(Accounts.Guild guild, Accounts.User owner, Accounts.User manager, Accounts.User target, Accounts.User plain,
                 String managerRole, String below, String above, String managed) {
        String member(Accounts.User u) {
            return "/guilds/" + guild.id() + "/members/" + u.id();
        }

        String role(Accounts.User u, String role) {
            return member(u) + "/roles/" + role;
        }
    }

    private World world() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String above = roles.role(owner, guild, "above", 0);
        String managerRole = roles.role(owner, guild, "manager", Permission.MANAGE_ROLES);
        String below = roles.role(owner, guild, "below", 0);
        String managed = roles.role(owner, guild, "bot role", 0);
        roles.makeManaged(managed);
        return new World(guild, owner, roles.memberWith(owner, guild, managerRole), roles.member(owner, guild), roles.member(owner, guild),
                managerRole, below, above, managed);
    }

    private static List<String> rolesOf(World w, Accounts.User u) {
        Response r = rest.get(w.member(u), w.owner().token());
        assertThat(r.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().path("roles").forEach(n -> ids.add(n.asString()));
        return ids;
    }

    @Test
    void patchRolesReplacesTheWholeListAndPublishesTheMember() {
        World w = world();
        GuildEvents.Mark mark = stream.mark(w.guild().id());

        Response r = rest.patch(w.member(w.target()), w.manager().token(), Map.of("roles", List.of(w.below())));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("roles").get(0).asString()).isEqualTo(w.below());
        assertThat(rolesOf(w, w.target())).containsExactly(w.below());
        List<GuildEvents.Event> events = stream.since(mark, "GUILD_MEMBER_UPDATE");
        assertThat(events).hasSize(1);
        JsonNode d = events.getFirst().d();
        assertThat(d.path("user").path("id").asString()).isEqualTo(w.target().id());
        assertThat(d.path("roles").get(0).asString()).isEqualTo(w.below());

        Response cleared = rest.patch(w.member(w.target()), w.manager().token(), Map.of("roles", List.of()));

        assertThat(cleared.json().path("roles").isEmpty()).isTrue();
        assertThat(rolesOf(w, w.target())).isEmpty();
    }

    @Test
    void aManagerCannotGrantOrRevokeARoleAtOrAboveTheirHighest() {
        World w = world();
        GuildEvents.Mark mark = stream.mark(w.guild().id());

        assertError(rest.patch(w.member(w.target()), w.manager().token(), Map.of("roles", List.of(w.above()))), 403, 50013, "Missing Permissions");
        assertError(rest.patch(w.member(w.target()), w.manager().token(), Map.of("roles", List.of(w.managerRole()))), 403, 50013, "Missing Permissions");
        assertError(rest.put(w.role(w.target(), w.above()), w.manager().token()), 403, 50013, "Missing Permissions");
        assertError(rest.put(w.role(w.target(), w.managerRole()), w.manager().token()), 403, 50013, "Missing Permissions");
        assertThat(rolesOf(w, w.target())).isEmpty();
        assertThat(stream.since(mark, "GUILD_MEMBER_UPDATE")).isEmpty();

        assertThat(rest.put(w.role(w.target(), w.above()), w.owner().token()).status()).isEqualTo(204);
        assertError(rest.patch(w.member(w.target()), w.manager().token(), Map.of("roles", List.of())), 403, 50013, "Missing Permissions");
        assertError(rest.delete(w.role(w.target(), w.above()), w.manager().token()), 403, 50013, "Missing Permissions");
        assertThat(rolesOf(w, w.target())).containsExactly(w.above());

        Response keepsAbove = rest.patch(w.member(w.target()), w.manager().token(), Map.of("roles", List.of(w.above(), w.below())));

        assertThat(keepsAbove.status()).as("a role above that stays untouched is no obstacle: %s", keepsAbove).isEqualTo(200);
        assertThat(rolesOf(w, w.target())).containsExactlyInAnyOrder(w.above(), w.below());
    }

    @Test
    void managedRolesCannotBeGrantedOrRevokedEvenByTheOwner() {
        World w = world();

        assertError(rest.patch(w.member(w.target()), w.owner().token(), Map.of("roles", List.of(w.managed()))), 403, 50013, "Missing Permissions");
        assertError(rest.put(w.role(w.target(), w.managed()), w.owner().token()), 403, 50013, "Missing Permissions");
        assertError(rest.delete(w.role(w.target(), w.managed()), w.owner().token()), 403, 50013, "Missing Permissions");

        assertThat(rolesOf(w, w.target())).isEmpty();
    }

    @Test
    void anUnknownOrForeignRoleIsUnknownRoleAndEveryoneCannotBeGranted() {
        World w = world();
        Accounts.User other = accounts.register();
        Accounts.Guild foreign = accounts.createGuild(other);
        String foreignRole = roles.role(other, foreign, "elsewhere", 0);

        assertError(rest.patch(w.member(w.target()), w.owner().token(), Map.of("roles", List.of("123456789012345"))), 404, 10011, "Unknown Role");
        assertError(rest.patch(w.member(w.target()), w.owner().token(), Map.of("roles", List.of(foreignRole))), 404, 10011, "Unknown Role");
        assertError(rest.put(w.role(w.target(), foreignRole), w.owner().token()), 404, 10011, "Unknown Role");
        assertError(rest.put(w.role(w.target(), w.guild().id()), w.owner().token()), 404, 10011, "Unknown Role");
        assertError(rest.delete(w.role(w.target(), "123456789012345"), w.owner().token()), 404, 10011, "Unknown Role");

        assertThat(rolesOf(w, w.target())).isEmpty();
    }

    @Test
    void theEveryoneIdInAPatchedListIsIgnored() {
        World w = world();

        Response r = rest.patch(w.member(w.target()), w.manager().token(), Map.of("roles", List.of(w.guild().id(), w.below())));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(rolesOf(w, w.target())).containsExactly(w.below());
    }

    @Test
    void malformedRoleListsAre50035() {
        World w = world();
        String path = w.member(w.target());

        assertInvalidForm(rest.patch(path, w.owner().token(), Map.of("roles", "x")), "LIST_TYPE_CONVERT", "roles");
        assertInvalidForm(rest.patch(path, w.owner().token(), Map.of("roles", List.of("abc"))), "NUMBER_TYPE_COERCE", "roles.0");
        assertInvalidForm(rest.patch(path, w.owner().token(), Map.of("roles", List.of(w.below(), w.below()))),
                "SET_TYPE_ALREADY_CONTAINS_VALUE", "roles.1");
        assertThat(rolesOf(w, w.target())).isEmpty();
    }

    @Test
    void putAndDeleteAreIdempotentAndPublishOnlyWhatChanged() {
        World w = world();
        GuildEvents.Mark mark = stream.mark(w.guild().id());

        assertThat(rest.put(w.role(w.target(), w.below()), w.manager().token()).status()).isEqualTo(204);
        assertThat(rest.put(w.role(w.target(), w.below()), w.manager().token()).status()).isEqualTo(204);
        assertThat(rolesOf(w, w.target())).containsExactly(w.below());
        assertThat(rest.delete(w.role(w.target(), w.below()), w.manager().token()).status()).isEqualTo(204);
        assertThat(rest.delete(w.role(w.target(), w.below()), w.manager().token()).status()).isEqualTo(204);

        assertThat(rolesOf(w, w.target())).isEmpty();
        List<GuildEvents.Event> events = stream.since(mark, "GUILD_MEMBER_UPDATE");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).d().path("roles").get(0).asString()).isEqualTo(w.below());
        assertThat(events.get(1).d().path("roles").isEmpty()).isTrue();
    }

    @Test
    void rolesNeedManageRoles() {
        World w = world();

        assertError(rest.put(w.role(w.target(), w.below()), w.plain().token()), 403, 50013, "Missing Permissions");
        assertError(rest.patch(w.member(w.target()), w.plain().token(), Map.of("roles", List.of(w.below()))), 403, 50013, "Missing Permissions");

        assertThat(rolesOf(w, w.target())).isEmpty();
    }

    @Test
    void anUnknownMemberIs10007AndANonMember50001() {
        World w = world();
        Accounts.User stranger = accounts.register();

        assertError(rest.put(w.role(stranger, w.below()), w.owner().token()), 404, 10007, "Unknown Member");
        assertError(rest.put(w.role(w.target(), w.below()), stranger.token()), 403, 50001, "Missing Access");
        assertThat(rolesOf(w, w.target())).isEmpty();
    }
}
