package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static io.concord.api.DiscordErrors.assertInvalidFormAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class GuildSettingsTest {
    private static final String UNKNOWN = "1234567890123456789";
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(113);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = api.events();
    private static final RoleFixtures fixtures = api.roles();

    private static JsonNode guild(Accounts.User caller, Accounts.Guild g) {
        Response r = rest.get("/guilds/" + g.id(), caller.token());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    private static Response patch(Accounts.User caller, Accounts.Guild g, Object body) {
        return rest.patch("/guilds/" + g.id(), caller.token(), body);
    }

    /** JSON with explicit nulls, which the client's mapper would leave out. */
    private static Response patchRaw(Accounts.User caller, Accounts.Guild g, String json) {
        return rest.send("PATCH", "/guilds/" + g.id(), caller.token(), BodyPublishers.ofString(json), "application/json");
    }

    @Test
    void theOwnerChangesTheSettingsAndGuildUpdateCarriesTheGuild() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);

        Response r = patch(owner, g, Map.of("name", "Renamed", "description", "a place", "verification_level", 2,
                "default_message_notifications", 1, "explicit_content_filter", 2, "preferred_locale", "de", "afk_timeout", 900));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode now = guild(owner, g);
        assertThat(now).isEqualTo(r.json());
        assertThat(now.path("name").asString()).isEqualTo("Renamed");
        assertThat(now.path("description").asString()).isEqualTo("a place");
        assertThat(now.path("verification_level").asInt()).isEqualTo(2);
        assertThat(now.path("default_message_notifications").asInt()).isEqualTo(1);
        assertThat(now.path("explicit_content_filter").asInt()).isEqualTo(2);
        assertThat(now.path("preferred_locale").asString()).isEqualTo("de");
        assertThat(now.path("afk_timeout").asInt()).isEqualTo(900);
        List<GuildEvents.Event> updates = events.of(g.id(), "GUILD_UPDATE");
        assertThat(updates).hasSize(1);
        assertThat(updates.getFirst().channelId()).isZero();
        assertThat(updates.getFirst().d()).isEqualTo(r.json());
        assertThat(updates.getFirst().d().path("roles").path(0).path("colors").has("primary_color")).isTrue();
    }

    @Test
    void explicitNullsClearTheDescriptionAndTheSystemChannel() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);
        patch(owner, g, Map.of("description", "temporary"));

        Response r = patchRaw(owner, g, "{\"description\":null,\"system_channel_id\":null,\"icon\":null}");

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(guild(owner, g).has("description")).isFalse();
        assertThat(guild(owner, g).has("system_channel_id")).isFalse();
    }

    @Test
    void aMemberWithoutManageGuildCannotChangeAnythingAndNothingChanges() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);
        Accounts.User member = fixtures.member(owner, g);
        JsonNode before = guild(owner, g);

        assertError(patch(member, g, Map.of("name", "mine")), 403, 50013, "Missing Permissions");

        assertThat(guild(owner, g)).isEqualTo(before);
        assertThat(events.of(g.id(), "GUILD_UPDATE")).isEmpty();
    }

    @Test
    void aStrangerIsMissingAccessAndAnUnknownGuildIsUnknownGuild() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);
        Accounts.User stranger = accounts.register();

        assertError(patch(stranger, g, Map.of("name", "mine")), 403, 50001, "Missing Access");
        assertError(rest.delete("/guilds/" + g.id(), stranger.token()), 403, 50001, "Missing Access");
        assertError(rest.patch("/guilds/" + UNKNOWN, owner.token(), Map.of("name", "x1")), 404, 10004, "Unknown Guild");
        assertError(rest.delete("/guilds/" + UNKNOWN, owner.token()), 404, 10004, "Unknown Guild");
    }

    @Test
    void eachBadSettingIsInvalidFormBodyOnItsField() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);
        JsonNode before = guild(owner, g);

        assertInvalidForm(patch(owner, g, Map.of("name", "x")), "BASE_TYPE_BAD_LENGTH", "name");
        assertInvalidForm(patch(owner, g, Map.of("verification_level", 5)), "NUMBER_TYPE_MAX", "verification_level");
        assertInvalidForm(patch(owner, g, Map.of("default_message_notifications", 2)), "NUMBER_TYPE_MAX", "default_message_notifications");
        assertInvalidForm(patch(owner, g, Map.of("explicit_content_filter", -1)), "NUMBER_TYPE_MIN", "explicit_content_filter");
        assertInvalidFormAt(patch(owner, g, Map.of("preferred_locale", "xx-XX")), "preferred_locale");
        assertInvalidFormAt(patch(owner, g, Map.of("afk_timeout", 61)), "afk_timeout");
        assertInvalidFormAt(patch(owner, g, Map.of("icon", "data:image/png;base64,AAAA")), "icon");
        assertInvalidFormAt(patch(owner, g, Map.of("description", "d".repeat(121))), "description");
        assertInvalidFormAt(patch(owner, g, Map.of("system_channel_id", g.categoryId())), "system_channel_id");
        assertInvalidFormAt(patch(owner, g, Map.of("system_channel_id", UNKNOWN)), "system_channel_id");

        assertThat(guild(owner, g)).isEqualTo(before);
    }

    @Test
    void theSystemChannelMustBeATextChannelOfThisGuild() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);
        Accounts.Guild other = accounts.createGuild(owner);
        Response text = rest.post("/guilds/" + g.id() + "/channels", owner.token(), Map.of("name", "welcome"));

        assertInvalidFormAt(patch(owner, g, Map.of("system_channel_id", other.generalId())), "system_channel_id");
        Response r = patch(owner, g, Map.of("system_channel_id", text.json().path("id").asString()));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(guild(owner, g).path("system_channel_id").asString()).isEqualTo(text.json().path("id").asString());
    }

    @Test
    void onlyTheOwnerHandsTheGuildOverAndOnlyToAMember() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);
        Accounts.User admin = fixtures.memberWith(owner, g, fixtures.role(owner, g, "admin", Permission.ADMINISTRATOR));
        Accounts.User heir = fixtures.member(owner, g);
        Accounts.User stranger = accounts.register();

        assertError(patch(admin, g, Map.of("owner_id", admin.id())), 403, 50013, "Missing Permissions");
        assertError(patch(owner, g, Map.of("owner_id", stranger.id())), 404, 10007, "Unknown Member");
        assertThat(guild(owner, g).path("owner_id").asString()).isEqualTo(owner.id());

        Response r = patch(owner, g, Map.of("owner_id", heir.id()));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(guild(heir, g).path("owner_id").asString()).isEqualTo(heir.id());
        assertError(patch(owner, g, Map.of("name", "not mine anymore")), 403, 50013, "Missing Permissions");
    }

    @Test
    void withCountsAddsTheApproximateMemberCount() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);
        fixtures.member(owner, g);

        Response counted = rest.get("/guilds/" + g.id() + "?with_counts=true", owner.token());

        assertThat(counted.json().path("approximate_member_count").asInt()).isEqualTo(2);
        assertThat(guild(owner, g).has("approximate_member_count")).isFalse();
    }

    @Test
    void onlyTheOwnerDeletesTheGuild() {
        Accounts.User owner = accounts.register();
        Accounts.Guild g = accounts.createGuild(owner);
        Accounts.User admin = fixtures.memberWith(owner, g, fixtures.role(owner, g, "admin", Permission.ADMINISTRATOR));

        assertError(rest.delete("/guilds/" + g.id(), admin.token()), 403, 50013, "Missing Permissions");
        assertThat(guild(owner, g).path("id").asString()).isEqualTo(g.id());

        assertThat(rest.delete("/guilds/" + g.id(), owner.token()).status()).isEqualTo(204);

        assertError(rest.get("/guilds/" + g.id(), owner.token()), 404, 10004, "Unknown Guild");
        assertError(rest.get("/channels/" + g.generalId(), owner.token()), 404, 10003, "Unknown Channel");
        List<GuildEvents.Event> deleted = events.of(g.id(), "GUILD_DELETE");
        assertThat(deleted).hasSize(1);
        assertThat(deleted.getFirst().channelId()).isZero();
        assertThat(deleted.getFirst().d().path("id").asString()).isEqualTo(g.id());
    }
}
