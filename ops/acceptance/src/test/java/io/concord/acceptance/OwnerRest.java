package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import tools.jackson.databind.JsonNode;

/** What the guild owner (a plain user) does over REST in the acceptance scenarios, and waits on JDA's cache. */
final class OwnerRest {
    static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);
    static final int ROLE = 0;
    static final int MEMBER = 1;

    private final ConcordBot bot;

    OwnerRest(ConcordBot bot) {
        this.bot = bot;
    }

    /** An overwrite entry as {@code permission_overwrites} and the PUT route take it. */
    static Map<String, Object> overwrite(String id, int type, long allow, long deny) {
        return Map.of("id", id, "type", type, "allow", Long.toUnsignedString(allow), "deny", Long.toUnsignedString(deny));
    }

    String createTextChannel(String name, List<Map<String, Object>> overwrites) {
        return ok(bot.rest.call("POST", "/guilds/" + bot.guildId + "/channels", bot.ownerToken,
                Json.write(Map.of("name", name, "type", 0, "permission_overwrites", overwrites))), 201).path("id").asString();
    }

    void putOverwrite(String channelId, String targetId, int type, long allow, long deny) {
        ok(bot.rest.call("PUT", "/channels/" + channelId + "/permissions/" + targetId, bot.ownerToken,
                Json.write(Map.of("type", type, "allow", Long.toUnsignedString(allow), "deny", Long.toUnsignedString(deny)))), 204);
    }

    void deleteOverwrite(String channelId, String targetId) {
        ok(bot.rest.call("DELETE", "/channels/" + channelId + "/permissions/" + targetId, bot.ownerToken, null), 204);
    }

    JsonNode post(String channelId, String content) {
        return ok(bot.rest.call("POST", "/channels/" + channelId + "/messages", bot.ownerToken,
                Json.write(Map.of("content", content))), 200);
    }

    JsonNode message(String channelId, String messageId, String token) {
        return ok(bot.rest.call("GET", "/channels/" + channelId + "/messages/" + messageId, token, null), 200);
    }

    JsonNode history(String channelId, int limit) {
        return ok(bot.rest.call("GET", "/channels/" + channelId + "/messages?limit=" + limit, bot.ownerToken, null), 200);
    }

    /** A fresh user who joins the guild through an invite to {@code channelId}; returns the user's token. */
    String joinNewUser(String name, String channelId) {
        String token = bot.rest.register(name);
        String code = ok(bot.rest.call("POST", "/channels/" + channelId + "/invites", bot.ownerToken, "{}"), 200).path("code").asString();
        ok(bot.rest.call("POST", "/invites/" + code, token, null), 200);
        return token;
    }

    /** JDA's cached text channel once the gateway has delivered it; fails after {@link #EVENT_TIMEOUT}. */
    static TextChannel awaitTextChannel(JDA jda, String channelId) throws InterruptedException {
        return await(() -> jda.getTextChannelById(channelId), "text channel " + channelId + " in JDA's cache");
    }

    static <T> T await(Supplier<T> probe, String what) throws InterruptedException {
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) return value;
            Thread.sleep(50);
        }
        throw new AssertionError("no " + what + " within " + EVENT_TIMEOUT);
    }

    static JsonNode ok(RestClient.Response r, int status) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        return r.body();
    }
}
