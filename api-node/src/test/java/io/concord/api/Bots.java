package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.Accounts.User;
import io.concord.api.RestClient.Response;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Applications and their bots made through the public REST API, as a developer makes them. */
final class Bots {
    private final RestClient rest;

    Bots(RestClient rest) {
        this.rest = rest;
    }

    /** An application with its bot user; {@code token} is the bot token, already in "Bot ..." form. */
    record Bot(String applicationId, String userId, String username, String token, JsonNode application) {
        String rawToken() {
            return token.substring("Bot ".length());
        }
    }

    Bot create(User owner, String name) {
        Response app = rest.post("/applications", owner.token(), Map.of("name", name));
        assertThat(app.status()).as("create application: %s", app).isEqualTo(201);
        String id = app.json().path("id").asString();
        return new Bot(id, app.json().path("bot").path("id").asString(), app.json().path("bot").path("username").asString(),
                "Bot " + resetToken(owner, id), app.json());
    }

    String resetToken(User owner, String applicationId) {
        Response reset = rest.post("/applications/" + applicationId + "/bot/reset", owner.token(), Map.of());
        assertThat(reset.status()).as("reset token: %s", reset).isEqualTo(200);
        return reset.json().path("token").asString();
    }

    Response authorize(User caller, String applicationId, String guildId, String permissions) {
        return rest.post("/oauth2/authorize?client_id=" + applicationId + "&scope=bot&permissions=" + permissions, caller.token(),
                Map.of("guild_id", guildId, "permissions", permissions, "authorize", true));
    }

    /** Adds the bot to the guild as its owner would, asserting it worked. */
    void addTo(User owner, Bot bot, String guildId, long permissions) {
        Response r = authorize(owner, bot.applicationId(), guildId, Long.toUnsignedString(permissions));
        assertThat(r.status()).as("authorize: %s", r).isEqualTo(200);
    }
}
