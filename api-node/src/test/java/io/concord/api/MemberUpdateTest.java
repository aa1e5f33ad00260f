package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static io.concord.api.DiscordErrors.assertInvalidFormAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** {@code PATCH /guilds/{g}/members/{u}} and {@code /members/@me}: nicknames, timeouts, mute and deafen. */
class MemberUpdateTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(121);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents stream = api.events();
    private static final RoleFixtures roles = api.roles();
    private static final long MOD_PERMS = Permission.MANAGE_NICKNAMES | Permission.MODERATE_MEMBERS
            | Permission.MUTE_MEMBERS | Permission.DEAFEN_MEMBERS;

    /** owner; members holding roles from the top: high, mod (moderation permissions), admin (ADMINISTRATOR), low; plain (no role). */
    record World(Accounts.Guild guild, Accounts.User owner, Accounts.User mod, Accounts.User low, Accounts.User high,
                 Accounts.User plain, Accounts.User admin, String modRole) {
        String member(Accounts.User u) {
            return "/guilds/" + guild.id() + "/members/" + u.id();
        }
    }

    private World world() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String high = roles.role(owner, guild, "high", 0);
        String mod = roles.role(owner, guild, "mod", MOD_PERMS);
        String admin = roles.role(owner, guild, "admin", Permission.ADMINISTRATOR);
        String low = roles.role(owner, guild, "low", 0);
        return new World(guild, owner, roles.memberWith(owner, guild, mod), roles.memberWith(owner, guild, low),
                roles.memberWith(owner, guild, high), roles.member(owner, guild), roles.memberWith(owner, guild, admin), mod);
    }

    private static JsonNode read(World w, Accounts.User u) {
        Response r = rest.get(w.member(u), w.owner().token());
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    /** A PATCH of {@code {"key": null}}: the shared client's JSON mapping leaves null values out. */
    private static Response patchNull(String path, String token, String key) {
        return rest.send("PATCH", path, token, java.net.http.HttpRequest.BodyPublishers.ofString("{\"" + key + "\":null}"),
                "application/json");
    }

    @Test
    void aModeratorRenamesALowerMemberAndTheGuildHearsOfIt() {
        World w = world();
        GuildEvents.Mark mark = stream.mark(w.guild().id());

        Response r = rest.patch(w.member(w.low()), w.mod().token(), Map.of("nick", "  Lowly  "));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("nick").asString()).isEqualTo("Lowly");
        assertThat(read(w, w.low()).path("nick").asString()).isEqualTo("Lowly");
        List<GuildEvents.Event> events = stream.since(mark, "GUILD_MEMBER_UPDATE");
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().channelId()).isZero();
        JsonNode d = events.getFirst().d();
        assertThat(d.path("guild_id").asString()).isEqualTo(w.guild().id());
        assertThat(d.path("user").path("id").asString()).isEqualTo(w.low().id());
        assertThat(d.path("nick").asString()).isEqualTo("Lowly");
        assertThat(d.path("roles").size()).isEqualTo(1);
        for (String f : List.of("joined_at", "avatar", "premium_since", "pending", "communication_disabled_until", "flags", "deaf", "mute")) {
            assertThat(d.has(f)).as(f).isTrue();
        }
    }

    @Test
    void nobodyRenamesAMemberRankedAtOrAboveThemAndNothingChanges() {
        World w = world();
        Accounts.User peer = accounts.register();
        accounts.join(w.owner(), w.guild().generalId(), peer);
        roles.grant(w.owner(), w.guild(), peer, w.modRole());
        GuildEvents.Mark mark = stream.mark(w.guild().id());

        assertError(rest.patch(w.member(w.high()), w.mod().token(), Map.of("nick", "x")), 403, 50013, "Missing Permissions");
        assertError(rest.patch(w.member(peer), w.mod().token(), Map.of("nick", "x")), 403, 50013, "Missing Permissions");
        assertError(rest.patch(w.member(w.owner()), w.mod().token(), Map.of("nick", "x")), 403, 50013, "Missing Permissions");

        assertThat(read(w, w.high()).path("nick").isNull()).isTrue();
        assertThat(read(w, peer).path("nick").isNull()).isTrue();
        assertThat(read(w, w.owner()).path("nick").isNull()).isTrue();
        assertThat(stream.since(mark, "GUILD_MEMBER_UPDATE")).isEmpty();
    }

    @Test
    void renamingSomeoneElseNeedsManageNicknames() {
        World w = world();

        assertError(rest.patch(w.member(w.low()), w.plain().token(), Map.of("nick", "x")), 403, 50013, "Missing Permissions");

        assertThat(read(w, w.low()).path("nick").isNull()).isTrue();
    }

    @Test
    void ownNicknameNeedsChangeNicknameThroughAtMeOrTheUserId() {
        World w = world();
        String me = "/guilds/" + w.guild().id() + "/members/@me";

        Response allowed = rest.patch(me, w.plain().token(), Map.of("nick", "Me"));
        roles.everyone(w.owner(), w.guild(), Permission.DEFAULT_EVERYONE & ~Permission.CHANGE_NICKNAME);
        Response refused = rest.patch(me, w.plain().token(), Map.of("nick", "Other"));
        Response refusedById = rest.patch(w.member(w.plain()), w.plain().token(), Map.of("nick", "Other"));

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().path("nick").asString()).isEqualTo("Me");
        assertError(refused, 403, 50013, "Missing Permissions");
        assertError(refusedById, 403, 50013, "Missing Permissions");
        assertThat(read(w, w.plain()).path("nick").asString()).isEqualTo("Me");
    }

    @Test
    void aNullOrEmptyNickResetsItAndALongOneIs50035() {
        World w = world();
        String me = "/guilds/" + w.guild().id() + "/members/@me";
        rest.patch(me, w.plain().token(), Map.of("nick", "First"));

        assertInvalidForm(rest.patch(me, w.plain().token(), Map.of("nick", "n".repeat(33))), "BASE_TYPE_MAX_LENGTH", "nick");
        assertInvalidFormAt(rest.patch(me, w.plain().token(), Map.of("nick", 12)), "nick");
        assertThat(read(w, w.plain()).path("nick").asString()).isEqualTo("First");

        assertThat(patchNull(me, w.plain().token(), "nick").json().path("nick").isNull()).isTrue();
        rest.patch(me, w.plain().token(), Map.of("nick", "Second"));
        assertThat(rest.patch(me, w.plain().token(), Map.of("nick", "")).json().path("nick").isNull()).isTrue();
        assertThat(read(w, w.plain()).path("nick").isNull()).isTrue();
    }

    @Test
    void aTimeoutIsStoredMasksPermissionsAndCanBeLifted() {
        World w = world();
        OffsetDateTime until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC);
        assertThat(accounts.send(w.low(), w.guild().generalId(), "before").status()).isEqualTo(200);

        Response r = rest.patch(w.member(w.low()), w.mod().token(), Map.of("communication_disabled_until", until.toString()));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(OffsetDateTime.parse(r.json().path("communication_disabled_until").asString()).isEqual(until)).isTrue();
        assertThat(OffsetDateTime.parse(read(w, w.low()).path("communication_disabled_until").asString()).isEqual(until)).isTrue();
        assertError(accounts.send(w.low(), w.guild().generalId(), "during"), 403, 50013, "Missing Permissions");

        Response lifted = patchNull(w.member(w.low()), w.mod().token(), "communication_disabled_until");

        assertThat(lifted.json().path("communication_disabled_until").isNull()).isTrue();
        assertThat(accounts.send(w.low(), w.guild().generalId(), "after").status()).isEqualTo(200);
    }

    @Test
    void aTimeoutLongerThan28DaysOrNotADateIs50035() {
        World w = world();
        String tooFar = Instant.now().plus(29, ChronoUnit.DAYS).toString();

        assertInvalidFormAt(rest.patch(w.member(w.low()), w.mod().token(), Map.of("communication_disabled_until", tooFar)),
                "communication_disabled_until");
        assertInvalidForm(rest.patch(w.member(w.low()), w.mod().token(), Map.of("communication_disabled_until", "tomorrow")),
                "DATE_TYPE_PARSE", "communication_disabled_until");
        assertThat(read(w, w.low()).path("communication_disabled_until").isNull()).isTrue();
    }

    @Test
    void timingOutTheOwnerAnAdministratorOrAHigherMemberIsRefused() {
        World w = world();
        String until = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        Map<String, Object> timeout = Map.of("communication_disabled_until", until);

        assertError(rest.patch(w.member(w.admin()), w.mod().token(), timeout), 403, 50013, "Missing Permissions");
        assertError(rest.patch(w.member(w.admin()), w.owner().token(), timeout), 403, 50013, "Missing Permissions");
        assertError(rest.patch(w.member(w.owner()), w.admin().token(), timeout), 403, 50013, "Missing Permissions");
        assertError(rest.patch(w.member(w.owner()), w.owner().token(), timeout), 403, 50013, "Missing Permissions");
        assertError(rest.patch(w.member(w.high()), w.mod().token(), timeout), 403, 50013, "Missing Permissions");

        for (Accounts.User u : List.of(w.admin(), w.owner(), w.high())) {
            assertThat(read(w, u).path("communication_disabled_until").isNull()).isTrue();
        }
    }

    @Test
    void aTimeoutNeedsModerateMembers() {
        World w = world();
        String until = Instant.now().plus(1, ChronoUnit.HOURS).toString();

        assertError(rest.patch(w.member(w.low()), w.plain().token(), Map.of("communication_disabled_until", until)),
                403, 50013, "Missing Permissions");

        assertThat(read(w, w.low()).path("communication_disabled_until").isNull()).isTrue();
    }

    @Test
    void muteAndDeafNeedTheirVoicePermissionsAndAreStored() {
        World w = world();

        assertError(rest.patch(w.member(w.low()), w.plain().token(), Map.of("mute", true)), 403, 50013, "Missing Permissions");
        assertError(rest.patch(w.member(w.low()), w.plain().token(), Map.of("deaf", true)), 403, 50013, "Missing Permissions");
        assertThat(read(w, w.low()).path("mute").asBoolean()).isFalse();
        assertInvalidForm(rest.patch(w.member(w.low()), w.mod().token(), Map.of("mute", "yes")), "BOOLEAN_TYPE_CONVERT", "mute");

        Response r = rest.patch(w.member(w.low()), w.mod().token(), Map.of("mute", true, "deaf", true));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("mute").asBoolean()).isTrue();
        assertThat(read(w, w.low()).path("deaf").asBoolean()).isTrue();
    }

    @Test
    void oneRefusedFieldRefusesTheWholeEdit() {
        World w = world();

        Response r = rest.patch(w.member(w.low()), w.mod().token(), Map.of("nick", "ok", "roles", List.of(w.modRole())));

        assertError(r, 403, 50013, "Missing Permissions");
        assertThat(read(w, w.low()).path("nick").isNull()).isTrue();
    }

    @Test
    void aNonMemberGets50001AndAnUnknownMember10007() {
        World w = world();
        Accounts.User stranger = accounts.register();

        assertError(rest.patch(w.member(w.low()), stranger.token(), Map.of("nick", "x")), 403, 50001, "Missing Access");
        assertError(rest.patch("/guilds/" + w.guild().id() + "/members/@me", stranger.token(), Map.of("nick", "x")),
                403, 50001, "Missing Access");
        assertError(rest.patch(w.member(stranger), w.owner().token(), Map.of("nick", "x")), 404, 10007, "Unknown Member");
    }
}
