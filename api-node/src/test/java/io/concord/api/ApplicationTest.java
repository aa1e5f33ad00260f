package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.Accounts.User;
import io.concord.api.Bots.Bot;
import io.concord.api.RestClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApplicationTest {
    private static final int PRESENCE_LIMITED = 1 << 13;
    private static final int MEMBERS_LIMITED = 1 << 15;
    private static final int MESSAGE_CONTENT_LIMITED = 1 << 19;
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(140);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final Bots bots = api.bots();

    @Test
    void createsAnApplicationOwnedByTheCallerWithABotUserOfTheSameId() {
        User owner = accounts.register();
        String name = "Helper " + Accounts.uniqueName();

        Response r = rest.post("/applications", owner.token(), Map.of("name", name));

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        var app = r.json();
        assertThat(app.path("name").asString()).isEqualTo(name);
        assertThat(app.path("icon").isNull()).isTrue();
        assertThat(app.path("description").asString()).isEmpty();
        assertThat(app.path("bot_public").asBoolean()).isTrue();
        assertThat(app.path("bot_require_code_grant").asBoolean()).isFalse();
        assertThat(app.path("verify_key").asString()).matches("[0-9a-f]{64}");
        assertThat(app.path("flags").asInt()).isEqualTo(PRESENCE_LIMITED | MEMBERS_LIMITED | MESSAGE_CONTENT_LIMITED);
        assertThat(app.path("owner").path("id").asString()).isEqualTo(owner.id());
        assertThat(app.path("bot").path("id").asString()).isEqualTo(app.path("id").asString());
        assertThat(app.path("bot").path("username").asString()).isEqualTo(name);
        assertThat(app.path("bot").path("bot").asBoolean()).isTrue();
    }

    @Test
    void botUsernamesAreMadeUniqueWhenTheNameIsTaken() {
        User owner = accounts.register();
        String name = "Twin " + Accounts.uniqueName();

        Bot first = bots.create(owner, name);
        Bot second = bots.create(owner, name);

        assertThat(first.username()).isEqualTo(name);
        assertThat(second.username()).isNotEqualToIgnoringCase(first.username()).startsWith(name);
        assertThat(second.application().path("name").asString()).isEqualTo(name);
    }

    @Test
    void applicationNamesMustBeTwoToThirtyTwoCharacters() {
        String token = accounts.register().token();

        assertInvalidForm(rest.post("/applications", token, Map.of("name", "x")), "BASE_TYPE_BAD_LENGTH", "name");
        assertInvalidForm(rest.post("/applications", token, Map.of("name", "x".repeat(33))), "BASE_TYPE_BAD_LENGTH", "name");
        assertInvalidForm(rest.post("/applications", token, Map.of()), "BASE_TYPE_REQUIRED", "name");
        assertError(rest.post("/applications", null, Map.of("name", "Nobody")), 401, 0, "401: Unauthorized");
    }

    @Test
    void onlyTheOwnerCanReadAnApplication() {
        User owner = accounts.register();
        User stranger = accounts.register();
        Bot bot = bots.create(owner, "Private " + Accounts.uniqueName());

        Response mine = rest.get("/applications/" + bot.applicationId(), owner.token());
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().path("id").asString()).isEqualTo(bot.applicationId());

        assertError(rest.get("/applications/" + bot.applicationId(), stranger.token()), 404, 10002, "Unknown Application");
        assertError(rest.get("/applications/1", owner.token()), 404, 10002, "Unknown Application");
        assertInvalidForm(rest.get("/applications/abc", owner.token()), "NUMBER_TYPE_COERCE", "application_id");
    }

    @Test
    void theBotReadsItsOwnApplicationAsJdaDoes() {
        User owner = accounts.register();
        Bot bot = bots.create(owner, "Self " + Accounts.uniqueName());

        for (String path : new String[] {"/applications/@me", "/oauth2/applications/@me"}) {
            Response r = rest.get(path, bot.token());
            assertThat(r.status()).as("%s: %s", path, r).isEqualTo(200);
            assertThat(r.json().path("id").asString()).isEqualTo(bot.applicationId());
            assertThat(r.json().path("owner").path("id").asString()).isEqualTo(owner.id());
            assertError(rest.get(path, owner.token()), 401, 0, "401: Unauthorized");
        }
    }

    @Test
    void bothTheOwnerAndTheBotMayToggleOnlyTheLimitedIntentFlags() {
        User owner = accounts.register();
        Bot bot = bots.create(owner, "Flags " + Accounts.uniqueName());

        Response byOwner = rest.patch("/applications/" + bot.applicationId(), owner.token(), Map.of("flags", MEMBERS_LIMITED));
        assertThat(byOwner.status()).as("%s", byOwner).isEqualTo(200);
        assertThat(byOwner.json().path("flags").asInt()).isEqualTo(MEMBERS_LIMITED);

        Response byBot = rest.patch("/applications/@me", bot.token(), Map.of("flags", MEMBERS_LIMITED | MESSAGE_CONTENT_LIMITED));
        assertThat(byBot.status()).as("%s", byBot).isEqualTo(200);
        assertThat(rest.get("/applications/@me", bot.token()).json().path("flags").asInt()).isEqualTo(MEMBERS_LIMITED | MESSAGE_CONTENT_LIMITED);

        assertInvalidForm(rest.patch("/applications/@me", bot.token(), Map.of("flags", MEMBERS_LIMITED | 1)), "APPLICATION_FLAGS_INVALID", "flags");
        assertInvalidForm(rest.patch("/applications/@me", bot.token(), Map.of("flags", "lots")), "NUMBER_TYPE_COERCE", "flags");
        assertError(rest.patch("/applications/" + bot.applicationId(), accounts.register().token(), Map.of("flags", 0)),
                404, 10002, "Unknown Application");
        assertThat(rest.get("/applications/@me", bot.token()).json().path("flags").asInt()).isEqualTo(MEMBERS_LIMITED | MESSAGE_CONTENT_LIMITED);
    }

    @Test
    void botsCannotCreateApplications() {
        Bot bot = bots.create(accounts.register(), "Maker " + Accounts.uniqueName());

        assertError(rest.post("/applications", bot.token(), Map.of("name", "Nested")), 403, 20001, "Bots cannot use this endpoint");
    }
}
