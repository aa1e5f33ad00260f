package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import io.concord.common.permission.Permission;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Kick, ban, unban, the ban list and bulk ban through the REST API, with what the guild hears and
 * what the role hierarchy refuses (refusals change nothing and publish nothing).
 */
class ModerationTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(240);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = api.events();
    private static final RoleFixtures roles = api.roles();
    private static final long MOD_PERMS = Permission.KICK_MEMBERS | Permission.BAN_MEMBERS | Permission.MANAGE_GUILD;

    /** owner; members holding roles from the top: high, mod (kick, ban, manage guild), admin, low; plain (no role). */
    record World(Accounts.Guild guild, Accounts.User owner, Accounts.User high, Accounts.User mod, Accounts.User admin,
                 Accounts.User low, Accounts.User plain) {
        String member(Accounts.User u) {
            return "/guilds/" + guild.id() + "/members/" + u.id();
        }

        String ban(String userId) {
            return "/guilds/" + guild.id() + "/bans/" + userId;
        }

        String bulkBan() {
            return "/guilds/" + guild.id() + "/bulk-ban";
        }
    }

    private static World world() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String high = roles.role(owner, guild, "high", 0);
        String mod = roles.role(owner, guild, "mod", MOD_PERMS);
        String admin = roles.role(owner, guild, "admin", Permission.ADMINISTRATOR);
        String low = roles.role(owner, guild, "low", 0);
        return new World(guild, owner, roles.memberWith(owner, guild, high), roles.memberWith(owner, guild, mod),
                roles.memberWith(owner, guild, admin), roles.memberWith(owner, guild, low), roles.member(owner, guild));
    }

    private static boolean isMember(World w, Accounts.User u) {
        Response r = rest.get(w.member(u), w.owner().token());
        if (r.status() == 404) assertError(r, 404, 10007, "Unknown Member");
        else assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.status() == 200;
    }

    private static Response joinByInvite(World w, Accounts.User user) {
        Response invite = rest.post("/channels/" + w.guild().generalId() + "/invites", w.owner().token(), Map.of());
        assertThat(invite.status()).as("%s", invite).isEqualTo(200);
        return rest.post("/invites/" + invite.json().path("code").asString(), user.token(), Map.of());
    }

    private static List<String> bannedIds(World w) {
        Response r = rest.get("/guilds/" + w.guild().id() + "/bans", w.owner().token());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return StreamSupport.stream(r.json().spliterator(), false).map(b -> b.path("user").path("id").asString()).toList();
    }

    /** A request with an {@code X-Audit-Log-Reason} header, URL-encoded as JDA sends it. */
    private static Response withReason(String method, String path, String token, String reason) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(rest.baseUrl() + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", token).header("X-Audit-Log-Reason", URLEncoder.encode(reason, StandardCharsets.UTF_8)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? Json.object() : Json.parse(response.body());
            return new Response(response.statusCode(), json, response.body(), response.headers());
        }
    }

    @Test
    void aKickRemovesTheMemberTellsTheGuildAndTheyMayComeBack() {
        World w = world();
        var mark = events.mark(w.guild().id());

        Response r = rest.delete(w.member(w.low()), w.mod().token());

        assertThat(r.status()).as("%s", r).isEqualTo(204);
        assertThat(isMember(w, w.low())).isFalse();
        var removed = events.since(mark, "GUILD_MEMBER_REMOVE");
        assertThat(removed).singleElement().satisfies(e -> {
            assertThat(e.channelId()).isZero();
            assertThat(e.userIds()).containsExactly(Long.parseLong(w.low().id()));
            assertThat(e.d().path("guild_id").asString()).isEqualTo(w.guild().id());
            assertThat(e.d().path("user").path("id").asString()).isEqualTo(w.low().id());
        });
        assertThat(events.since(mark, "GUILD_BAN_ADD")).isEmpty();
        assertThat(joinByInvite(w, w.low()).status()).as("a kicked member may rejoin").isEqualTo(200);
    }

    @Test
    void kickingNeedsKickMembersAndAHigherRoleAndNeverReachesTheOwner() {
        World w = world();
        var mark = events.mark(w.guild().id());

        assertError(rest.delete(w.member(w.low()), w.plain().token()), 403, 50013, "Missing Permissions");
        assertError(rest.delete(w.member(w.high()), w.mod().token()), 403, 50013, "Missing Permissions");
        assertError(rest.delete(w.member(w.owner()), w.mod().token()), 403, 50013, "Missing Permissions");
        assertError(rest.delete(w.member(w.owner()), w.admin().token()), 403, 50013, "Missing Permissions");
        assertError(rest.delete(w.member(w.mod()), w.mod().token()), 403, 50013, "Missing Permissions");

        for (Accounts.User u : List.of(w.low(), w.high(), w.admin(), w.owner(), w.mod())) assertThat(isMember(w, u)).isTrue();
        assertThat(events.since(mark, "GUILD_MEMBER_REMOVE")).isEmpty();
        assertThat(rest.delete(w.member(w.high()), w.admin().token()).status()).as("an administrator is above the hierarchy").isEqualTo(204);
        assertThat(rest.delete(w.member(w.admin()), w.owner().token()).status()).as("the owner too").isEqualTo(204);
    }

    @Test
    void kickingSomeoneWhoIsNotAMemberIs10007() {
        World w = world();
        Accounts.User stranger = accounts.register();

        assertError(rest.delete(w.member(stranger), w.mod().token()), 404, 10007, "Unknown Member");
        assertInvalidForm(rest.delete("/guilds/" + w.guild().id() + "/members/12x", w.mod().token()), "NUMBER_TYPE_COERCE", "user_id");
    }

    @Test
    void aBanRemovesTheMemberKeepsTheReasonAndKeepsThemOutUntilLifted() throws Exception {
        World w = world();
        var mark = events.mark(w.guild().id());

        Response r = withReason("PUT", w.ban(w.low().id()), w.mod().token(), "spam, again");

        assertThat(r.status()).as("%s", r).isEqualTo(204);
        assertThat(isMember(w, w.low())).isFalse();
        var since = events.since(mark);
        assertThat(since).extracting(GuildEvents.Event::type).containsExactly("GUILD_MEMBER_REMOVE", "GUILD_BAN_ADD", "GUILD_AUDIT_LOG_ENTRY_CREATE");
        assertThat(since.get(0).userIds()).containsExactly(Long.parseLong(w.low().id()));
        JsonNode banAdd = since.get(1).d();
        assertThat(banAdd.path("guild_id").asString()).isEqualTo(w.guild().id());
        assertThat(banAdd.path("user").path("id").asString()).isEqualTo(w.low().id());
        assertThat(banAdd.path("user").path("username").asString()).isEqualTo(w.low().username());
        Response ban = rest.get(w.ban(w.low().id()), w.mod().token());
        assertThat(ban.status()).as("%s", ban).isEqualTo(200);
        assertThat(ban.json().path("reason").asString()).isEqualTo("spam, again");
        assertThat(ban.json().path("user").path("id").asString()).isEqualTo(w.low().id());
        assertThat(bannedIds(w)).containsExactly(w.low().id());

        assertError(joinByInvite(w, w.low()), 403, 40007, "The user is banned from this guild.");
        assertThat(isMember(w, w.low())).isFalse();

        var beforeUnban = events.mark(w.guild().id());
        assertThat(rest.delete(w.ban(w.low().id()), w.mod().token()).status()).isEqualTo(204);

        assertThat(events.since(beforeUnban, "GUILD_BAN_REMOVE")).singleElement()
                .satisfies(e -> assertThat(e.d().path("user").path("id").asString()).isEqualTo(w.low().id()));
        assertError(rest.get(w.ban(w.low().id()), w.mod().token()), 404, 10026, "Unknown Ban");
        assertError(rest.delete(w.ban(w.low().id()), w.mod().token()), 404, 10026, "Unknown Ban");
        assertThat(joinByInvite(w, w.low()).status()).isEqualTo(200);
    }

    @Test
    void someoneWhoNeverJoinedCanBeBannedAndThenCannotJoin() {
        World w = world();
        Accounts.User stranger = accounts.register();
        var mark = events.mark(w.guild().id());

        assertThat(rest.put(w.ban(stranger.id()), w.mod().token(), Map.of()).status()).isEqualTo(204);
        assertThat(rest.put(w.ban(stranger.id()), w.mod().token(), Map.of()).status()).as("banning again").isEqualTo(204);

        assertThat(events.since(mark).stream().map(GuildEvents.Event::type)).containsExactly("GUILD_BAN_ADD", "GUILD_AUDIT_LOG_ENTRY_CREATE");
        assertError(joinByInvite(w, stranger), 403, 40007, "The user is banned from this guild.");
        assertThat(isMember(w, stranger)).isFalse();
    }

    @Test
    void aBannedBotCannotBeAddedThroughOAuth2() {
        World w = world();
        Bots.Bot bot = api.bots().create(w.owner(), "Banned Bot");
        assertThat(rest.put(w.ban(bot.userId()), w.owner().token(), Map.of()).status()).isEqualTo(204);

        assertError(api.bots().authorize(w.owner(), bot.applicationId(), w.guild().id(), "0"), 403, 40007,
                "The user is banned from this guild.");

        assertThat(rest.get("/guilds/" + w.guild().id() + "/members/" + bot.userId(), w.owner().token()).status()).isEqualTo(404);
    }

    @Test
    void banningNeedsBanMembersAndAHigherRoleAndNeverReachesTheOwner() {
        World w = world();
        var mark = events.mark(w.guild().id());

        assertError(rest.put(w.ban(w.low().id()), w.plain().token(), Map.of()), 403, 50013, "Missing Permissions");
        assertError(rest.put(w.ban(w.high().id()), w.mod().token(), Map.of()), 403, 50013, "Missing Permissions");
        assertError(rest.put(w.ban(w.owner().id()), w.mod().token(), Map.of()), 403, 50013, "Missing Permissions");
        assertError(rest.put(w.ban(w.owner().id()), w.admin().token(), Map.of()), 403, 50013, "Missing Permissions");
        assertError(rest.put(w.ban(w.mod().id()), w.mod().token(), Map.of()), 403, 50013, "Missing Permissions");
        assertError(rest.get("/guilds/" + w.guild().id() + "/bans", w.plain().token()), 403, 50013, "Missing Permissions");
        assertError(rest.delete(w.ban(w.low().id()), w.plain().token()), 403, 50013, "Missing Permissions");

        assertThat(bannedIds(w)).isEmpty();
        assertThat(events.since(mark)).isEmpty();
        for (Accounts.User u : List.of(w.low(), w.high(), w.owner(), w.mod())) assertThat(isMember(w, u)).isTrue();
    }

    @Test
    void banInputIsBoundedAndUnknownUsersAre10013() {
        World w = world();

        assertInvalidForm(rest.put(w.ban(w.low().id()), w.mod().token(), Map.of("delete_message_seconds", 604_801)),
                "NUMBER_TYPE_MAX", "delete_message_seconds");
        assertInvalidForm(rest.put(w.ban(w.low().id()), w.mod().token(), Map.of("delete_message_seconds", -1)),
                "NUMBER_TYPE_MIN", "delete_message_seconds");
        assertInvalidForm(rest.put(w.ban(w.low().id()), w.mod().token(), Map.of("delete_message_days", 8)),
                "NUMBER_TYPE_MAX", "delete_message_days");
        String unknown = Long.toString(Snowflakes.fromTimestamp(System.currentTimeMillis()));
        assertError(rest.put(w.ban(unknown), w.mod().token(), Map.of()), 404, 10013, "Unknown User");

        assertThat(bannedIds(w)).isEmpty();
        assertThat(isMember(w, w.low())).isTrue();
    }

    @Test
    void theBanListPagesByUserId() {
        World w = world();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Accounts.User u = accounts.register();
            assertThat(rest.put(w.ban(u.id()), w.owner().token(), Map.of()).status()).isEqualTo(204);
            ids.add(u.id());
        }
        ids.sort((a, b) -> Long.compareUnsigned(Long.parseLong(a), Long.parseLong(b)));
        String base = "/guilds/" + w.guild().id() + "/bans";

        assertThat(bannedIds(w)).containsExactlyElementsOf(ids);
        assertThat(page(w, base + "?limit=2")).containsExactly(ids.get(0), ids.get(1));
        assertThat(page(w, base + "?after=" + ids.get(1))).containsExactly(ids.get(2));
        assertThat(page(w, base + "?before=" + ids.get(2) + "&limit=1")).containsExactly(ids.get(1));
        assertInvalidForm(rest.get(base + "?limit=0", w.owner().token()), "NUMBER_TYPE_MIN", "limit");
        assertInvalidForm(rest.get(base + "?limit=1001", w.owner().token()), "NUMBER_TYPE_MAX", "limit");
        assertInvalidForm(rest.get(base + "?after=x", w.owner().token()), "NUMBER_TYPE_COERCE", "after");
    }

    private static List<String> page(World w, String path) {
        Response r = rest.get(path, w.owner().token());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return StreamSupport.stream(r.json().spliterator(), false).map(b -> b.path("user").path("id").asString()).toList();
    }

    @Test
    void aBulkBanBansWhoItMayAndListsTheRestAsFailed() {
        World w = world();
        Accounts.User stranger = accounts.register();
        Accounts.User earlier = accounts.register();
        assertThat(rest.put(w.ban(earlier.id()), w.owner().token(), Map.of()).status()).isEqualTo(204);
        String unknown = Long.toString(Snowflakes.fromTimestamp(System.currentTimeMillis()));
        var mark = events.mark(w.guild().id());

        Response r = rest.post(w.bulkBan(), w.mod().token(), Map.of("user_ids",
                List.of(w.low().id(), stranger.id(), w.high().id(), w.owner().id(), earlier.id(), unknown)));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("banned_users").valueStream().map(JsonNode::asString)).containsExactly(w.low().id(), stranger.id());
        assertThat(r.json().path("failed_users").valueStream().map(JsonNode::asString))
                .containsExactly(w.high().id(), w.owner().id(), earlier.id(), unknown);
        assertThat(isMember(w, w.low())).isFalse();
        assertThat(isMember(w, w.high())).isTrue();
        assertThat(events.since(mark, "GUILD_BAN_ADD")).extracting(e -> e.d().path("user").path("id").asString())
                .containsExactly(w.low().id(), stranger.id());
        assertThat(events.since(mark, "GUILD_MEMBER_REMOVE")).extracting(e -> e.d().path("user").path("id").asString())
                .containsExactly(w.low().id());
    }

    @Test
    void aBulkBanThatBansNobodyIs500000() {
        World w = world();
        var mark = events.mark(w.guild().id());

        assertError(rest.post(w.bulkBan(), w.mod().token(), Map.of("user_ids", List.of(w.owner().id(), w.high().id()))),
                400, 500000, "Failed to ban users");

        assertThat(events.since(mark)).isEmpty();
        assertThat(bannedIds(w)).isEmpty();
    }

    @Test
    void aBulkBanNeedsManageGuildTooAndAtMost200Ids() {
        World w = world();
        String banOnly = roles.role(w.owner(), w.guild(), "ban-only", Permission.BAN_MEMBERS);
        Accounts.User banner = roles.memberWith(w.owner(), w.guild(), banOnly);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 201; i++) many.add(Long.toString(Snowflakes.fromTimestamp(System.currentTimeMillis() - i)));

        assertError(rest.post(w.bulkBan(), banner.token(), Map.of("user_ids", List.of(w.plain().id()))), 403, 50013, "Missing Permissions");
        assertInvalidForm(rest.post(w.bulkBan(), w.mod().token(), Map.of("user_ids", many)), "BASE_TYPE_MAX_LENGTH", "user_ids");
        assertInvalidForm(rest.post(w.bulkBan(), w.mod().token(), Map.of("user_ids", List.of())), "BASE_TYPE_MIN_LENGTH", "user_ids");
        assertInvalidForm(rest.post(w.bulkBan(), w.mod().token(), Map.of()), "BASE_TYPE_REQUIRED", "user_ids");
        assertInvalidForm(rest.post(w.bulkBan(), w.mod().token(), Map.of("user_ids", List.of(w.plain().id(), w.plain().id()))),
                "LIST_ITEM_VALUE_DUPLICATE", "user_ids");
        assertInvalidForm(rest.post(w.bulkBan(), w.mod().token(), Map.of("user_ids", List.of(w.plain().id()),
                "delete_message_seconds", 604_801)), "NUMBER_TYPE_MAX", "delete_message_seconds");

        assertThat(bannedIds(w)).isEmpty();
        assertThat(isMember(w, w.plain())).isTrue();
    }
}
