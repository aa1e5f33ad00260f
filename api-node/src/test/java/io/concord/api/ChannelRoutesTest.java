package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static io.concord.api.DiscordErrors.assertInvalidFormAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.permission.Permission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class ChannelRoutesTest {
    private static final String UNKNOWN = "1234567890123456789";
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(111);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final GuildEvents events = api.events();
    private static final RoleFixtures fixtures = api.roles();

    private static Response create(Accounts.User caller, Accounts.Guild guild, Map<String, Object> body) {
        return rest.post("/guilds/" + guild.id() + "/channels", caller.token(), body);
    }

    private static String created(Accounts.User caller, Accounts.Guild guild, Map<String, Object> body) {
        Response r = create(caller, guild, body);
        assertThat(r.status()).as("create channel: %s", r).isEqualTo(201);
        return r.json().path("id").asString();
    }

    private static JsonNode channel(Accounts.User caller, String id) {
        Response r = rest.get("/channels/" + id, caller.token());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    /** A member holding a role with exactly {@code permissions}. */
    private static Accounts.User memberWith(Accounts.User owner, Accounts.Guild guild, long permissions) {
        return fixtures.memberWith(owner, guild, fixtures.role(owner, guild, "perm", permissions | Permission.DEFAULT_EVERYONE));
    }

    @Test
    void aMemberReadsAChannelTheyCanView() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        Accounts.User member = fixtures.member(owner, guild);

        JsonNode c = channel(member, guild.generalId());

        assertThat(c.path("id").asString()).isEqualTo(guild.generalId());
        assertThat(c.path("guild_id").asString()).isEqualTo(guild.id());
        assertThat(c.path("parent_id").asString()).isEqualTo(guild.categoryId());
    }

    @Test
    void aHiddenChannelAndAStrangersReadAreMissingAccessLikeAnyOtherChannel() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        Accounts.User member = fixtures.member(owner, guild);
        String hidden = accounts.channelDenyingEveryone(owner, guild, Permission.VIEW_CHANNEL);
        Accounts.User stranger = accounts.register();

        assertError(rest.get("/channels/" + hidden, member.token()), 403, 50001, "Missing Access");
        assertError(rest.get("/channels/" + guild.generalId(), stranger.token()), 403, 50001, "Missing Access");
        assertError(rest.patch("/channels/" + hidden, member.token(), Map.of("name", "x")), 403, 50001, "Missing Access");
        assertError(rest.delete("/channels/" + hidden, stranger.token()), 403, 50001, "Missing Access");
        assertError(rest.get("/channels/" + UNKNOWN, member.token()), 404, 10003, "Unknown Channel");
    }

    @Test
    void aVoiceChannelGetsDiscordsDefaultBitrateAndNoUserLimit() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = create(owner, guild, Map.of("name", "Hang Out", "type", 2));

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        assertThat(r.json().path("type").asInt()).isEqualTo(2);
        assertThat(r.json().path("name").asString()).isEqualTo("Hang Out");
        assertThat(r.json().path("bitrate").asInt()).isEqualTo(64000);
        assertThat(r.json().path("user_limit").asInt()).isZero();
        assertThat(channel(owner, r.json().path("id").asString()).path("bitrate").asInt()).isEqualTo(64000);
    }

    @Test
    void voiceSettingsOutOfRangeAreInvalidFormBody() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        assertInvalidForm(create(owner, guild, Map.of("name", "v", "type", 2, "bitrate", 7999)), "NUMBER_TYPE_MIN", "bitrate");
        assertInvalidForm(create(owner, guild, Map.of("name", "v", "type", 2, "bitrate", 96001)), "NUMBER_TYPE_MAX", "bitrate");
        assertInvalidForm(create(owner, guild, Map.of("name", "v", "type", 2, "user_limit", 100)), "NUMBER_TYPE_MAX", "user_limit");
        assertInvalidForm(create(owner, guild, Map.of("name", "v", "type", 13)), "BASE_TYPE_CHOICES", "type");
    }

    @Test
    void anAnnouncementChannelIsCreatedAndCanTurnBackIntoText() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String id = created(owner, guild, Map.of("name", "News Feed", "type", 5));

        assertThat(channel(owner, id).path("type").asInt()).isEqualTo(5);
        assertThat(channel(owner, id).path("name").asString()).isEqualTo("news-feed");
        Response r = rest.patch("/channels/" + id, owner.token(), Map.of("type", 0));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(channel(owner, id).path("type").asInt()).isZero();
        assertInvalidForm(rest.patch("/channels/" + id, owner.token(), Map.of("type", 2)), "CHANNEL_TYPE_INVALID", "type");
    }

    @Test
    void overwritesInACreateNeedManageRoles() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        Accounts.User manager = memberWith(owner, guild, Permission.MANAGE_CHANNELS);
        int before = rest.get("/guilds/" + guild.id() + "/channels", owner.token()).json().size();

        Response r = create(manager, guild, Map.of("name", "private", "permission_overwrites",
                List.of(Map.of("id", guild.id(), "type", 0, "allow", "0", "deny", "1024"))));

        assertError(r, 403, 50013, "Missing Permissions");
        assertThat(rest.get("/guilds/" + guild.id() + "/channels", owner.token()).json().size()).isEqualTo(before);
        assertThat(create(manager, guild, Map.of("name", "public", "permission_overwrites", List.of())).status()).isEqualTo(201);
    }

    @Test
    void editingAChannelAnswersItAndPublishesChannelUpdateScopedToIt() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = rest.patch("/channels/" + guild.generalId(), owner.token(),
                Map.of("name", "Main Hall", "topic", "welcome", "nsfw", true, "rate_limit_per_user", 30));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("name").asString()).isEqualTo("main-hall");
        assertThat(r.json().path("topic").asString()).isEqualTo("welcome");
        assertThat(r.json().path("nsfw").asBoolean()).isTrue();
        assertThat(r.json().path("rate_limit_per_user").asInt()).isEqualTo(30);
        assertThat(channel(owner, guild.generalId())).isEqualTo(r.json());
        List<GuildEvents.Event> updates = events.of(guild.id(), "CHANNEL_UPDATE");
        assertThat(updates).hasSize(1);
        assertThat(updates.getFirst().channelId()).isEqualTo(Long.parseLong(guild.generalId()));
        assertThat(updates.getFirst().d()).isEqualTo(r.json());
    }

    @Test
    void aMemberWithoutManageChannelsCannotEditAndNothingChanges() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        Accounts.User member = fixtures.member(owner, guild);
        JsonNode before = channel(owner, guild.generalId());

        assertError(rest.patch("/channels/" + guild.generalId(), member.token(), Map.of("name", "mine")), 403, 50013, "Missing Permissions");
        assertError(rest.delete("/channels/" + guild.generalId(), member.token()), 403, 50013, "Missing Permissions");

        assertThat(channel(owner, guild.generalId())).isEqualTo(before);
    }

    @Test
    void changingOverwritesInAnEditNeedsManageRoles() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        Accounts.User manager = memberWith(owner, guild, Permission.MANAGE_CHANNELS);
        JsonNode before = channel(owner, guild.generalId());

        Response r = rest.patch("/channels/" + guild.generalId(), manager.token(), Map.of("name", "x", "permission_overwrites",
                List.of(Map.of("id", guild.id(), "type", 0, "allow", "0", "deny", "2048"))));

        assertError(r, 403, 50013, "Missing Permissions");
        assertThat(channel(owner, guild.generalId())).isEqualTo(before);
        assertThat(rest.patch("/channels/" + guild.generalId(), manager.token(), Map.of("name", "renamed")).status()).isEqualTo(200);
    }

    @Test
    void badEditsAreInvalidFormBodyOnTheirField() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String path = "/channels/" + guild.generalId();
        JsonNode before = channel(owner, guild.generalId());

        assertInvalidForm(rest.patch(path, owner.token(), Map.of("topic", "t".repeat(1025))), "BASE_TYPE_MAX_LENGTH", "topic");
        assertInvalidForm(rest.patch(path, owner.token(), Map.of("rate_limit_per_user", 21601)), "NUMBER_TYPE_MAX", "rate_limit_per_user");
        assertInvalidForm(rest.patch(path, owner.token(), Map.of("name", "")), "BASE_TYPE_BAD_LENGTH", "name");
        assertInvalidForm(rest.patch(path, owner.token(), Map.of("nsfw", "no")), "BOOLEAN_TYPE_CONVERT", "nsfw");
        assertInvalidForm(rest.patch(path, owner.token(), Map.of("parent_id", guild.generalId())), "CHANNEL_PARENT_INVALID", "parent_id");
        assertInvalidForm(rest.patch(path, owner.token(), Map.of("parent_id", "abc")), "NUMBER_TYPE_COERCE", "parent_id");

        assertThat(channel(owner, guild.generalId())).isEqualTo(before);
    }

    @Test
    void aCategoryCannotHaveAParentAndAParentFromAnotherGuildIsInvalid() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        Accounts.Guild other = accounts.createGuild(owner);
        String second = created(owner, guild, Map.of("name", "Second", "type", 4));

        assertInvalidForm(rest.patch("/channels/" + second, owner.token(), Map.of("parent_id", guild.categoryId())),
                "CHANNEL_PARENT_INVALID", "parent_id");
        assertInvalidForm(rest.patch("/channels/" + guild.generalId(), owner.token(), Map.of("parent_id", other.categoryId())),
                "CHANNEL_PARENT_INVALID", "parent_id");
    }

    @Test
    void aNullParentTakesTheChannelOutOfItsCategory() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = rest.send("PATCH", "/channels/" + guild.generalId(), owner.token(),
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"parent_id\":null}"), "application/json");

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(channel(owner, guild.generalId()).has("parent_id")).isFalse();
    }

    @Test
    void voiceSettingsCanBeEditedOnAVoiceChannel() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String voice = created(owner, guild, Map.of("name", "Voice", "type", 2));

        Response r = rest.patch("/channels/" + voice, owner.token(), Map.of("bitrate", 32000, "user_limit", 5));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(channel(owner, voice).path("bitrate").asInt()).isEqualTo(32000);
        assertThat(channel(owner, voice).path("user_limit").asInt()).isEqualTo(5);
        assertInvalidForm(rest.patch("/channels/" + voice, owner.token(), Map.of("user_limit", -1)), "NUMBER_TYPE_MIN", "user_limit");
    }

    @Test
    void deletingAChannelAnswersItAndPublishesChannelDelete() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String id = created(owner, guild, Map.of("name", "temporary"));

        Response r = rest.delete("/channels/" + id, owner.token());

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().path("id").asString()).isEqualTo(id);
        assertThat(r.json().path("name").asString()).isEqualTo("temporary");
        assertError(rest.get("/channels/" + id, owner.token()), 404, 10003, "Unknown Channel");
        List<GuildEvents.Event> deleted = events.of(guild.id(), "CHANNEL_DELETE");
        assertThat(deleted).hasSize(1);
        assertThat(deleted.getFirst().channelId()).isEqualTo(Long.parseLong(id));
        assertThat(deleted.getFirst().d().path("id").asString()).isEqualTo(id);
    }

    @Test
    void deletingACategoryLeavesItsChildrenWithoutAParent() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        assertThat(rest.delete("/channels/" + guild.categoryId(), owner.token()).status()).isEqualTo(200);

        assertThat(channel(owner, guild.generalId()).has("parent_id")).isFalse();
        List<GuildEvents.Event> updates = events.of(guild.id(), "CHANNEL_UPDATE");
        assertThat(updates).extracting(GuildEvents.Event::channelId).containsExactly(Long.parseLong(guild.generalId()));
        assertThat(updates.getFirst().d().has("parent_id")).isFalse();
    }

    @Test
    void deletingTheSystemChannelClearsItOnTheGuild() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        assertThat(rest.delete("/channels/" + guild.generalId(), owner.token()).status()).isEqualTo(200);

        assertThat(rest.get("/guilds/" + guild.id(), owner.token()).json().has("system_channel_id")).isFalse();
        assertThat(events.of(guild.id(), "GUILD_UPDATE")).hasSize(1);
    }

    @Test
    void reorderingMovesChannelsAndLockPermissionsCopiesTheCategorysOverwrites() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        String category = created(owner, guild, Map.of("name", "Staff", "type", 4, "permission_overwrites",
                List.of(Map.of("id", guild.id(), "type", 0, "allow", "0", "deny", "1024"))));
        String loose = created(owner, guild, Map.of("name", "loose"));

        Response r = rest.patch("/guilds/" + guild.id() + "/channels", owner.token(), List.of(
                Map.of("id", loose, "position", 3, "parent_id", category, "lock_permissions", true),
                Map.of("id", guild.generalId(), "position", 7)));

        assertThat(r.status()).as("%s", r).isEqualTo(204);
        JsonNode moved = channel(owner, loose);
        assertThat(moved.path("position").asInt()).isEqualTo(3);
        assertThat(moved.path("parent_id").asString()).isEqualTo(category);
        assertThat(moved.path("permission_overwrites")).isEqualTo(channel(owner, category).path("permission_overwrites"));
        assertThat(channel(owner, guild.generalId()).path("position").asInt()).isEqualTo(7);
        assertThat(events.of(guild.id(), "CHANNEL_UPDATE")).extracting(GuildEvents.Event::channelId)
                .containsExactlyInAnyOrder(Long.parseLong(loose), Long.parseLong(guild.generalId()));
    }

    @Test
    void reorderingNeedsManageChannelsAndChannelsOfTheGuild() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        Accounts.Guild other = accounts.createGuild(owner);
        Accounts.User member = fixtures.member(owner, guild);
        String path = "/guilds/" + guild.id() + "/channels";

        assertError(rest.patch(path, member.token(), List.of(Map.of("id", guild.generalId(), "position", 4))), 403, 50013, "Missing Permissions");
        assertError(rest.patch(path, owner.token(), List.of(Map.of("id", other.generalId(), "position", 4))), 404, 10003, "Unknown Channel");
        assertInvalidFormAt(rest.patch(path, owner.token(), List.of(Map.of("id", guild.generalId(), "position", "high"))), "0.position");
        assertInvalidFormAt(rest.patch(path, owner.token(), Map.of("id", guild.generalId())), "");
        assertInvalidForm(rest.patch(path, owner.token(), List.of(Map.of("id", guild.categoryId(), "parent_id", guild.categoryId()))),
                "CHANNEL_PARENT_INVALID", "parent_id");

        assertThat(channel(owner, guild.generalId()).path("position").asInt()).isZero();
    }
}
