package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static io.concord.api.DiscordErrors.fieldMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.id.Snowflakes;
import io.concord.common.permission.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class GuildTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(103);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();

    private static List<String> names(Response channels) {
        List<String> names = new ArrayList<>();
        for (JsonNode c : channels.json()) names.add(c.path("name").asString());
        return names;
    }

    private static Response createChannel(Accounts.User caller, Accounts.Guild guild, Map<String, Object> body) {
        return rest.post("/guilds/" + guild.id() + "/channels", caller.token(), body);
    }

    @Test
    void creatingAGuildMakesEveryoneWithTheGuildIdAndDiscordDefaults() {
        Accounts.User owner = accounts.register();

        Response r = rest.post("/guilds", owner.token(), Map.of("name", "  My Guild  "));

        assertThat(r.status()).isEqualTo(201);
        String id = r.json().path("id").asString();
        assertThat(Snowflakes.parse(id)).isPresent();
        assertThat(r.json().path("name").asString()).isEqualTo("My Guild");
        assertThat(r.json().path("owner_id").asString()).isEqualTo(owner.id());
        assertThat(r.json().path("roles").size()).isEqualTo(1);
        JsonNode everyone = r.json().path("roles").path(0);
        assertThat(everyone.path("id").asString()).isEqualTo(id);
        assertThat(everyone.path("name").asString()).isEqualTo("@everyone");
        assertThat(everyone.path("permissions").asString())
                .isEqualTo("1826261000769089")
                .isEqualTo(Long.toString(Permission.DEFAULT_EVERYONE));
    }

    @Test
    void aNewGuildHasACategoryWithGeneralInsideIt() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = rest.get("/guilds/" + guild.id() + "/channels", owner.token());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().size()).isEqualTo(2);
        assertThat(guild.categoryId()).isNotNull();
        assertThat(guild.generalId()).isNotNull();
        for (JsonNode c : r.json()) {
            assertThat(c.path("guild_id").asString()).isEqualTo(guild.id());
            if (c.path("id").asString().equals(guild.generalId())) {
                assertThat(c.path("parent_id").asString()).isEqualTo(guild.categoryId());
            }
        }
        assertThat(guild.body().path("system_channel_id").asString()).isEqualTo(guild.generalId());
    }

    @Test
    void aMemberCanReadTheGuild() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = rest.get("/guilds/" + guild.id(), owner.token());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asString()).isEqualTo(guild.id());
        assertThat(r.json().path("roles").path(0).path("id").asString()).isEqualTo(guild.id());
    }

    @Test
    void readingAGuildAsANonMemberIsMissingAccess() {
        Accounts.Guild guild = accounts.createGuild(accounts.register());

        assertError(rest.get("/guilds/" + guild.id(), accounts.register().token()), 403, 50001, "Missing Access");
        assertError(rest.get("/guilds/" + guild.id() + "/channels", accounts.register().token()), 403, 50001, "Missing Access");
    }

    @Test
    void anUnknownGuildIsUnknownGuild() {
        assertError(rest.get("/guilds/4242", accounts.register().token()), 404, 10004, "Unknown Guild");
    }

    @Test
    void aMalformedGuildIdIsANumberTypeCoerceError() {
        Response r = rest.get("/guilds/not-a-snowflake", accounts.register().token());

        assertInvalidForm(r, "NUMBER_TYPE_COERCE", "guild_id");
        assertThat(fieldMessage(r, "guild_id")).isEqualTo("Value \"not-a-snowflake\" is not snowflake.");
    }

    @Test
    void theOwnerCreatesATextChannelWithALowercasedDashedName() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = createChannel(owner, guild, Map.of("name", "Off Topic  Talk", "parent_id", guild.categoryId(), "topic", "anything"));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("name").asString()).isEqualTo("off-topic-talk");
        assertThat(r.json().path("type").asInt()).isEqualTo(0);
        assertThat(r.json().path("guild_id").asString()).isEqualTo(guild.id());
        assertThat(r.json().path("parent_id").asString()).isEqualTo(guild.categoryId());
        assertThat(r.json().path("topic").asString()).isEqualTo("anything");
        assertThat(names(rest.get("/guilds/" + guild.id() + "/channels", owner.token()))).contains("off-topic-talk");
    }

    @Test
    void aCategoryKeepsItsNameAsGiven() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = createChannel(owner, guild, Map.of("name", "Voice Things", "type", 4));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("name").asString()).isEqualTo("Voice Things");
        assertThat(r.json().path("type").asInt()).isEqualTo(4);
    }

    @Test
    void aPlainMemberCreatingAChannelIsMissingPermissions() {
        Accounts.User owner = accounts.register();
        Accounts.User member = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        accounts.join(owner, guild.generalId(), member);

        assertError(createChannel(member, guild, Map.of("name", "mine")), 403, 50013, "Missing Permissions");
        assertThat(names(rest.get("/guilds/" + guild.id() + "/channels", owner.token()))).doesNotContain("mine");
    }

    @Test
    void aStageChannelTypeIsNotOneOfTheChoices() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        assertInvalidForm(createChannel(owner, guild, Map.of("name", "stage", "type", 13)), "BASE_TYPE_CHOICES", "type");
    }

    @Test
    void aParentThatIsNotACategoryIsChannelParentInvalid() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = createChannel(owner, guild, Map.of("name", "child", "parent_id", guild.generalId()));

        assertInvalidForm(r, "CHANNEL_PARENT_INVALID", "parent_id");
    }

    @Test
    void aChannelDenyingViewToEveryoneIsHiddenFromMembersButNotFromTheOwner() {
        Accounts.User owner = accounts.register();
        Accounts.User member = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);
        accounts.join(owner, guild.generalId(), member);
        String hidden = accounts.channelDenyingEveryone(owner, guild, Permission.VIEW_CHANNEL);

        Response asMember = rest.get("/guilds/" + guild.id() + "/channels", member.token());
        Response asOwner = rest.get("/guilds/" + guild.id() + "/channels", owner.token());

        assertThat(asMember.status()).isEqualTo(200);
        assertThat(ids(asMember)).containsExactlyInAnyOrder(guild.categoryId(), guild.generalId());
        assertThat(ids(asOwner)).containsExactlyInAnyOrder(guild.categoryId(), guild.generalId(), hidden);
        JsonNode overwrite = channel(asOwner, hidden).path("permission_overwrites").path(0);
        assertThat(overwrite.path("id").asString()).isEqualTo(guild.id());
        assertThat(overwrite.path("deny").asString()).isEqualTo("1024");
        assertThat(overwrite.path("allow").asString()).isEqualTo("0");
    }

    @Test
    void aBlankGuildNameIsBaseTypeBadLength() {
        Response r = rest.post("/guilds", accounts.register().token(), Map.of("name", "    "));

        assertInvalidForm(r, "BASE_TYPE_BAD_LENGTH", "name");
        assertThat(fieldMessage(r, "name")).isEqualTo("Must be between 2 and 100 in length.");
    }

    @Test
    void aBlankChannelNameIsBaseTypeBadLength() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = createChannel(owner, guild, Map.of("name", "   "));

        assertInvalidForm(r, "BASE_TYPE_BAD_LENGTH", "name");
        assertThat(fieldMessage(r, "name")).isEqualTo("Must be between 1 and 100 in length.");
    }

    @Test
    void aGuildNameWithANulCharacterIsAnInvalidFormBody() {
        DiscordErrors.assertInvalidFormAt(rest.post("/guilds", accounts.register().token(), Map.of("name", "bad\u0000name")), "name");
    }

    @Test
    void aChannelNameWithANulCharacterIsAnInvalidFormBody() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        DiscordErrors.assertInvalidFormAt(createChannel(owner, guild, Map.of("name", "bad\u0000name")), "name");
    }

    @Test
    void twoOverwritesForTheSameIdAreNeverA500() {
        Accounts.User owner = accounts.register();
        Accounts.Guild guild = accounts.createGuild(owner);

        Response r = createChannel(owner, guild, Map.of("name", "twice", "permission_overwrites", List.of(
                Map.of("id", guild.id(), "type", 0, "deny", "1024"),
                Map.of("id", guild.id(), "type", 0, "allow", "1024"))));

        if (r.status() == 201) {
            assertThat(r.json().path("permission_overwrites").size()).as("one overwrite per id: %s", r).isEqualTo(1);
        } else {
            assertThat(r.status()).as("%s", r).isEqualTo(400);
            assertThat(r.json().path("code").asInt()).isEqualTo(50035);
            assertThat(r.json().path("errors").has("permission_overwrites")).as("%s", r).isTrue();
        }
    }

    private static List<String> ids(Response channels) {
        List<String> ids = new ArrayList<>();
        for (JsonNode c : channels.json()) ids.add(c.path("id").asString());
        return ids;
    }

    private static JsonNode channel(Response channels, String id) {
        for (JsonNode c : channels.json()) if (c.path("id").asString().equals(id)) return c;
        throw new AssertionError("no channel " + id + " in " + channels);
    }
}
