package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.Accounts.User;
import io.concord.api.Bots.Bot;
import io.concord.api.RestClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BotAuthTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(141);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();
    private static final Bots bots = api.bots();
    @RegisterExtension
    static final ApiNodeExtension other = new ApiNodeExtension(142);
    private static final RestClient otherRest = other.rest();

    @Test
    void aResetTokenHasDiscordsShapeAndAuthenticatesTheBotOnRest() {
        Bot bot = bots.create(accounts.register(), "Shape " + Accounts.uniqueName());

        String[] parts = bot.rawToken().split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.US_ASCII)).isEqualTo(bot.userId());
        assertThat(parts[1] + parts[2]).matches("[A-Za-z0-9_-]{40,}");

        Response me = rest.get("/users/@me", bot.token());
        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.json().path("id").asString()).isEqualTo(bot.userId());
        assertThat(me.json().path("username").asString()).isEqualTo(bot.username());
        assertThat(me.json().path("bot").asBoolean()).isTrue();
    }

    @Test
    void resettingInvalidatesTheOldTokenAtOnceOnEveryNode() {
        User owner = accounts.register();
        Bot bot = bots.create(owner, "Reset " + Accounts.uniqueName());
        // Both nodes have now seen (and cached) the first token.
        assertThat(rest.get("/users/@me", bot.token()).status()).isEqualTo(200);
        assertThat(otherRest.get("/users/@me", bot.token()).status()).isEqualTo(200);

        String fresh = "Bot " + bots.resetToken(owner, bot.applicationId());

        assertThat(fresh).isNotEqualTo(bot.token());
        assertError(rest.get("/users/@me", bot.token()), 401, 0, "401: Unauthorized");
        assertError(otherRest.get("/users/@me", bot.token()), 401, 0, "401: Unauthorized");
        assertThat(rest.get("/users/@me", fresh).status()).isEqualTo(200);
        assertThat(otherRest.get("/users/@me", fresh).status()).isEqualTo(200);
    }

    @Test
    void onlyTheOwnerCanResetTheTokenAndAFailedResetChangesNothing() {
        User owner = accounts.register();
        Bot bot = bots.create(owner, "Guarded " + Accounts.uniqueName());

        assertError(rest.post("/applications/" + bot.applicationId() + "/bot/reset", accounts.register().token(), Map.of()),
                404, 10002, "Unknown Application");
        assertError(rest.post("/applications/1/bot/reset", owner.token(), Map.of()), 404, 10002, "Unknown Application");
        assertError(rest.post("/applications/" + bot.applicationId() + "/bot/reset", bot.token(), Map.of()),
                403, 20001, "Bots cannot use this endpoint");
        assertThat(rest.get("/users/@me", bot.token()).status()).isEqualTo(200);
    }

    @Test
    void aBotTokenNeedsTheBotPrefixOnRestWhileUserTokensWorkRawOrAsBearer() {
        User owner = accounts.register();
        Bot bot = bots.create(owner, "Prefix " + Accounts.uniqueName());

        assertError(rest.get("/users/@me", bot.rawToken()), 401, 0, "401: Unauthorized");
        assertError(rest.get("/users/@me", "Bearer " + bot.rawToken()), 401, 0, "401: Unauthorized");
        assertError(rest.get("/users/@me", "Bot " + owner.token()), 401, 0, "401: Unauthorized");
        assertThat(rest.get("/users/@me", owner.token()).status()).isEqualTo(200);
        assertThat(rest.get("/users/@me", "Bearer " + owner.token()).status()).isEqualTo(200);
    }

    @Test
    void aForgedTokenForARealBotIsRefused() {
        Bot bot = bots.create(accounts.register(), "Forged " + Accounts.uniqueName());
        String[] parts = bot.rawToken().split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertError(rest.get("/users/@me", "Bot " + forged), 401, 0, "401: Unauthorized");
        assertError(rest.get("/users/@me", "Bot not.a.token"), 401, 0, "401: Unauthorized");
        assertError(rest.get("/users/@me", "Bot "), 401, 0, "401: Unauthorized");
    }

    @Test
    void anApplicationWithoutAResetTokenHasNoWorkingToken() {
        User owner = accounts.register();
        Response app = rest.post("/applications", owner.token(), Map.of("name", "Fresh " + Accounts.uniqueName()));
        String botId = app.json().path("bot").path("id").asString();
        String guess = Base64.getUrlEncoder().withoutPadding().encodeToString(botId.getBytes(StandardCharsets.US_ASCII)) + ".AAAAAAAA.AAAAAAAA";

        assertError(rest.get("/users/@me", "Bot " + guess), 401, 0, "401: Unauthorized");
    }
}
