package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Read-state test fixtures through the public REST API: users, a guild, roles, channels, messages,
 * acks, and the user's read states (GET /users/@me/read-states, READY's read_state object).
 * Mention counts come from the readstate-worker, so the awaits poll until the expected state shows
 * (or fail after a generous deadline; nothing asserts on how long it took).
 */
final class ReadStateWorld {
    static final Duration DEADLINE = Duration.ofSeconds(60);
    private final RestClient rest;

    record User(String token, String id) {}

    ReadStateWorld(RestClient rest) {
        this.rest = rest;
    }

    User user(String name) {
        String token = rest.register(name);
        return new User(token, ok(rest.call("GET", "/users/@me", token, null)).path("id").asString());
    }

    String guild(User owner) {
        return ok(rest.call("POST", "/guilds", owner.token(), "{\"name\":\"Read states\"}"), 201).path("id").asString();
    }

    String textChannel(User owner, String guildId, String overwritesJson) {
        return ok(rest.call("POST", "/guilds/" + guildId + "/channels", owner.token(),
                "{\"name\":\"c\",\"type\":0,\"permission_overwrites\":" + overwritesJson + "}"), 201).path("id").asString();
    }

    void join(User owner, String channelId, User user) {
        String code = ok(rest.call("POST", "/channels/" + channelId + "/invites", owner.token(), "{}")).path("code").asString();
        ok(rest.call("POST", "/invites/" + code, user.token(), null));
    }

    String role(User owner, String guildId, User... holders) {
        String role = ok(rest.call("POST", "/guilds/" + guildId + "/roles", owner.token(), "{\"name\":\"r\",\"mentionable\":true}"))
                .path("id").asString();
        for (User u : holders) {
            assertThat(rest.call("PUT", "/guilds/" + guildId + "/members/" + u.id() + "/roles/" + role, owner.token(), null).status())
                    .isEqualTo(204);
        }
        return role;
    }

    String send(User author, String channelId, String content) {
        return ok(rest.call("POST", "/channels/" + channelId + "/messages", author.token(),
                "{\"content\":\"" + content + "\"}")).path("id").asString();
    }

    void edit(User author, String channelId, String messageId, String content) {
        ok(rest.call("PATCH", "/channels/" + channelId + "/messages/" + messageId, author.token(), "{\"content\":\"" + content + "\"}"));
    }

    void delete(User author, String channelId, String messageId) {
        assertThat(rest.call("DELETE", "/channels/" + channelId + "/messages/" + messageId, author.token(), null).status()).isEqualTo(204);
    }

    void ack(User user, String channelId, String messageId) {
        ok(rest.call("POST", "/channels/" + channelId + "/messages/" + messageId + "/ack", user.token(), "{}"));
    }

    void markUnread(User user, String channelId) {
        assertThat(rest.call("DELETE", "/channels/" + channelId + "/messages/ack", user.token(), null).status()).isEqualTo(204);
    }

    JsonNode readStates(User user) {
        return ok(rest.call("GET", "/users/@me/read-states", user.token(), null));
    }

    Optional<JsonNode> entry(User user, String channelId) {
        return entryIn(readStates(user), channelId);
    }

    static Optional<JsonNode> entryIn(JsonNode readState, String channelId) {
        for (JsonNode e : readState.path("entries")) if (e.path("id").asString().equals(channelId)) return Optional.of(e);
        return Optional.empty();
    }

    static int mentions(Optional<JsonNode> entry) {
        return entry.map(e -> e.path("mention_count").asInt()).orElse(0);
    }

    /** Waits until the user's entry for the channel satisfies the condition; returns it. */
    JsonNode awaitEntry(User user, String channelId, String what, Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Optional<JsonNode> e = entry(user, channelId);
            if (e.isPresent() && condition.test(e.get())) return e.get();
            assertThat(System.nanoTime()).as("%s (last seen %s)", what, e).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    JsonNode awaitMentions(User user, String channelId, int count) throws InterruptedException {
        return awaitEntry(user, channelId, "mention_count " + count, e -> e.path("mention_count").asInt() == count);
    }

    static JsonNode ok(RestClient.Response r) {
        return ok(r, 200);
    }

    static JsonNode ok(RestClient.Response r, int status) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        return r.body();
    }
}
