package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Users, guilds and memberships made through the public REST API, never behind its back. */
final class Accounts {
    static final String PASSWORD = "correct horse battery";
    private final RestClient rest;

    Accounts(RestClient rest) {
        this.rest = rest;
    }

    record User(String id, String username, String token, String refreshToken, String email) {}

    record Guild(String id, String generalId, String categoryId, JsonNode body) {}

    static String uniqueEmail() {
        return "t-" + UUID.randomUUID() + "@example.com";
    }

    static String uniqueName() {
        return "u_" + UUID.randomUUID().toString().substring(0, 8);
    }

    User register() {
        String email = uniqueEmail();
        String username = uniqueName();
        Response r = rest.post("/auth/register", null, Map.of("email", email, "username", username, "password", PASSWORD));
        assertThat(r.status()).as("register: %s", r).isEqualTo(201);
        return new User(r.json().path("user_id").asString(), username, r.json().path("token").asString(),
                r.json().path("refresh_token").asString(), email);
    }

    Guild createGuild(User owner) {
        Response r = rest.post("/guilds", owner.token(), Map.of("name", "Guild " + uniqueName()));
        assertThat(r.status()).as("create guild: %s", r).isEqualTo(201);
        String id = r.json().path("id").asString();
        Response channels = rest.get("/guilds/" + id + "/channels", owner.token());
        assertThat(channels.status()).as("channels: %s", channels).isEqualTo(200);
        String general = null;
        String category = null;
        for (JsonNode c : channels.json()) {
            if (c.path("type").asInt() == 0 && c.path("name").asString().equals("general")) general = c.path("id").asString();
            if (c.path("type").asInt() == 4) category = c.path("id").asString();
        }
        return new Guild(id, general, category, r.json());
    }

    /** A new owner, their new guild, and a second new user who joined it through an invite. */
    record GuildWithMember(User owner, User member, Guild guild) {}

    GuildWithMember guildWithMember() {
        User owner = register();
        User member = register();
        Guild guild = createGuild(owner);
        join(owner, guild.generalId(), member);
        return new GuildWithMember(owner, member, guild);
    }

    /** Makes {@code user} a member through an invite of {@code channelId}, as a client joins. */
    void join(User inviter, String channelId, User user) {
        Response invite = rest.post("/channels/" + channelId + "/invites", inviter.token(), Map.of());
        assertThat(invite.status()).as("invite: %s", invite).isEqualTo(200);
        Response joined = rest.post("/invites/" + invite.json().path("code").asString(), user.token(), Map.of());
        assertThat(joined.status()).as("join: %s", joined).isEqualTo(200);
    }

    /** A text channel whose @everyone overwrite denies {@code denied}, created by the owner. */
    String channelDenyingEveryone(User owner, Guild guild, long denied) {
        Response r = rest.post("/guilds/" + guild.id() + "/channels", owner.token(), Map.of("name", "restricted", "type", 0,
                "permission_overwrites", List.of(Map.of("id", guild.id(), "type", 0, "allow", "0", "deny", Long.toString(denied)))));
        assertThat(r.status()).as("create channel: %s", r).isEqualTo(201);
        return r.json().path("id").asString();
    }

    Response send(User author, String channelId, String content) {
        return rest.post("/channels/" + channelId + "/messages", author.token(), Map.of("content", content));
    }
}
