package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.Accounts.Guild;
import io.concord.api.Accounts.User;
import io.concord.api.Bots.Bot;
import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class OAuth2AuthorizeTest {
    private static final long BOT_PERMISSIONS = Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES | Permission.READ_MESSAGE_HISTORY;
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(143);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final Bots bots = api.bots();
    private static final RoleFixtures fixtures = api.roles();

    private static List<JsonNode> roles(User viewer, Guild guild) {
        Response g = rest.get("/guilds/" + guild.id(), viewer.token());
        assertThat(g.status()).as("%s", g).isEqualTo(200);
        List<JsonNode> roles = new ArrayList<>();
        g.json().path("roles").forEach(roles::add);
        return roles;
    }

    private static boolean isMember(Bot bot, Guild guild) {
        Response r = rest.get("/guilds/" + guild.id(), bot.token());
        assertThat(r.status()).as("%s", r).isIn(200, 403);
        return r.status() == 200;
    }

    @Test
    void theOwnerAddsTheBotWithAManagedRoleHoldingTheGivenPermissions() {
        User owner = accounts.register();
        Guild guild = accounts.createGuild(owner);
        Bot bot = bots.create(owner, "Adder " + Accounts.uniqueName());

        Response r = bots.authorize(owner, bot.applicationId(), guild.id(), Long.toString(BOT_PERMISSIONS));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("location").asString()).isNotEmpty();
        assertThat(isMember(bot, guild)).isTrue();
        JsonNode managed = roles(owner, guild).stream().filter(role -> role.path("managed").asBoolean()).findFirst().orElseThrow();
        assertThat(managed.path("name").asString()).isEqualTo(bot.username());
        assertThat(managed.path("permissions").asString()).isEqualTo(Long.toString(BOT_PERMISSIONS));
        assertThat(managed.path("position").asInt()).isEqualTo(1);
        assertThat(managed.path("tags").path("bot_id").asString()).as("the managed role's tags").isEqualTo(bot.userId());
        assertThat(roles(owner, guild)).filteredOn(role -> !role.path("managed").asBoolean())
                .allSatisfy(role -> assertThat(role.has("tags")).as("tags of %s", role).isFalse());
        Response guilds = rest.get("/users/@me/guilds", bot.token());
        assertThat(guilds.json().findValuesAsString("id")).contains(guild.id());
        // The bot can use what the role grants: it reads the channel history.
        assertThat(rest.get("/channels/" + guild.generalId() + "/messages", bot.token()).status()).isEqualTo(200);
    }

    @Test
    void authorizingABotAlreadyInTheGuildChangesNothing() {
        User owner = accounts.register();
        Guild guild = accounts.createGuild(owner);
        Bot bot = bots.create(owner, "Twice " + Accounts.uniqueName());
        bots.addTo(owner, bot, guild.id(), BOT_PERMISSIONS);
        List<JsonNode> before = roles(owner, guild);

        Response again = bots.authorize(owner, bot.applicationId(), guild.id(), Long.toString(Permission.ADMINISTRATOR));

        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(roles(owner, guild)).isEqualTo(before);
    }

    @Test
    void declinedAuthorizationAddsNothing() {
        User owner = accounts.register();
        Guild guild = accounts.createGuild(owner);
        Bot bot = bots.create(owner, "Declined " + Accounts.uniqueName());

        Response r = rest.post("/oauth2/authorize?client_id=" + bot.applicationId() + "&scope=bot", owner.token(),
                Map.of("guild_id", guild.id(), "permissions", "0", "authorize", false));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(isMember(bot, guild)).isFalse();
        assertThat(roles(owner, guild)).hasSize(1);
    }

    @Test
    void addingABotNeedsManageGuildAndMembership() {
        User owner = accounts.register();
        User member = accounts.register();
        User outsider = accounts.register();
        Guild guild = accounts.createGuild(owner);
        accounts.join(owner, guild.generalId(), member);
        Bot bot = bots.create(member, "Needs " + Accounts.uniqueName());

        assertError(bots.authorize(member, bot.applicationId(), guild.id(), "0"), 403, 50013, "Missing Permissions");
        assertError(bots.authorize(outsider, bot.applicationId(), guild.id(), "0"), 403, 50001, "Missing Access");
        assertError(bots.authorize(owner, bot.applicationId(), "1", "0"), 404, 10004, "Unknown Guild");
        assertThat(isMember(bot, guild)).isFalse();
    }

    @Test
    void aManagerMayOnlyGrantPermissionsTheyHold() {
        User owner = accounts.register();
        User manager = accounts.register();
        Guild guild = accounts.createGuild(owner);
        accounts.join(owner, guild.generalId(), manager);
        fixtures.grant(owner, guild, manager,
                fixtures.role(owner, guild, "managers", Permission.MANAGE_GUILD | Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES));
        Bot bot = bots.create(manager, "Limited " + Accounts.uniqueName());

        assertError(bots.authorize(manager, bot.applicationId(), guild.id(), Long.toString(Permission.BAN_MEMBERS)),
                403, 50013, "Missing Permissions");
        assertError(bots.authorize(manager, bot.applicationId(), guild.id(), Long.toString(Permission.ADMINISTRATOR)),
                403, 50013, "Missing Permissions");
        assertThat(isMember(bot, guild)).isFalse();

        Response ok = bots.authorize(manager, bot.applicationId(), guild.id(), Long.toString(Permission.SEND_MESSAGES));
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(isMember(bot, guild)).isTrue();
        // The bot's role takes position 1, as a new role does; the role that held it moves up.
        List<JsonNode> roles = roles(owner, guild);
        assertThat(roles).filteredOn(r -> r.path("managed").asBoolean()).singleElement()
                .satisfies(r -> assertThat(r.path("position").asInt()).isEqualTo(1));
        assertThat(roles).filteredOn(r -> r.path("name").asString().equals("managers")).singleElement()
                .satisfies(r -> assertThat(r.path("position").asInt()).isEqualTo(2));
    }

    @Test
    void theOwnerMayGrantAnyPermission() {
        User owner = accounts.register();
        Guild guild = accounts.createGuild(owner);
        Bot bot = bots.create(owner, "Admin " + Accounts.uniqueName());

        Response r = bots.authorize(owner, bot.applicationId(), guild.id(), Long.toUnsignedString(Permission.ALL));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(roles(owner, guild)).anySatisfy(role -> {
            assertThat(role.path("managed").asBoolean()).isTrue();
            assertThat(role.path("permissions").asString()).isEqualTo(Long.toUnsignedString(Permission.ALL));
        });
    }

    @Test
    void badRequestsAreRefusedWithTheFieldAndUnknownApplicationsWith10002() {
        User owner = accounts.register();
        Guild guild = accounts.createGuild(owner);
        Bot bot = bots.create(owner, "Form " + Accounts.uniqueName());
        Map<String, Object> body = Map.of("guild_id", guild.id(), "permissions", "0", "authorize", true);

        assertInvalidForm(rest.post("/oauth2/authorize?client_id=" + bot.applicationId() + "&scope=identify", owner.token(), body),
                "SCOPE_BOT_REQUIRED", "scope");
        assertInvalidForm(rest.post("/oauth2/authorize?client_id=" + bot.applicationId(), owner.token(), body), "BASE_TYPE_REQUIRED", "scope");
        assertInvalidForm(rest.post("/oauth2/authorize?scope=bot", owner.token(), body), "BASE_TYPE_REQUIRED", "client_id");
        assertInvalidForm(rest.post("/oauth2/authorize?client_id=x&scope=bot", owner.token(), body), "NUMBER_TYPE_COERCE", "client_id");
        assertInvalidForm(bots.authorize(owner, bot.applicationId(), guild.id(), "-8"), "NUMBER_TYPE_COERCE", "permissions");
        assertInvalidForm(bots.authorize(owner, bot.applicationId(), guild.id(), "99999999999999999999"), "NUMBER_TYPE_MAX", "permissions");
        assertInvalidForm(bots.authorize(owner, bot.applicationId(), guild.id(), Long.toUnsignedString(1L << 62)), "PERMISSIONS_INVALID", "permissions");
        assertInvalidForm(rest.post("/oauth2/authorize?client_id=" + bot.applicationId() + "&scope=bot", owner.token(),
                Map.of("authorize", true)), "BASE_TYPE_REQUIRED", "guild_id");
        assertError(bots.authorize(owner, "1", guild.id(), "0"), 404, 10002, "Unknown Application");
        assertThat(isMember(bot, guild)).isFalse();
    }
}
