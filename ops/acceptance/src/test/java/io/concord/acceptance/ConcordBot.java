package io.concord.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.json.Json;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import tools.jackson.databind.JsonNode;

/**
 * A running Concord with a guild and an unmodified JDA bot logged in to it, set up the way a
 * developer does it: register, create a guild and an application, reset the bot token, add the bot
 * to the guild through OAuth2, then point JDA at Concord by base URL and gateway URL only.
 */
final class ConcordBot implements AutoCloseable {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    final Stack stack;
    final RestClient rest;
    /** The guild owner's access token (a user, for REST calls the bot does not make). */
    final String ownerToken;
    final String guildId;
    final String generalChannelId;
    final String applicationId;
    final String botUserId;
    final String botUsername;
    final long botPermissions;
    /** The raw bot token, as JDA takes it. */
    final String botToken;
    final JDA jda;

    private ConcordBot(Stack stack, String ownerToken, String guildId, String generalChannelId, JsonNode application,
                       String botToken, long botPermissions, JDA jda) {
        this.stack = stack;
        this.rest = stack.rest();
        this.ownerToken = ownerToken;
        this.guildId = guildId;
        this.generalChannelId = generalChannelId;
        this.applicationId = application.path("id").asString();
        this.botUserId = application.path("bot").path("id").asString();
        this.botUsername = application.path("bot").path("username").asString();
        this.botToken = botToken;
        this.botPermissions = botPermissions;
        this.jda = jda;
    }

    /** Starts the services with these node ids and logs a bot holding {@code botPermissions} in with {@code intents}. */
    static ConcordBot start(int apiNodeId, int wsNodeId, long botPermissions, EnumSet<GatewayIntent> intents) throws Exception {
        Stack stack = new Stack(apiNodeId, wsNodeId);
        try {
            RestClient rest = stack.rest();
            String owner = rest.register("owner");
            JsonNode guild = ok(rest.call("POST", "/guilds", owner, "{\"name\":\"JDA guild\"}"), 201);
            String guildId = guild.path("id").asString();
            String general = general(rest, owner, guildId);
            JsonNode application = ok(rest.call("POST", "/applications", owner, Json.write(Map.of("name", "Acceptance Bot"))), 201);
            String applicationId = application.path("id").asString();
            String token = ok(rest.call("POST", "/applications/" + applicationId + "/bot/reset", owner, null), 200).path("token").asString();
            authorize(rest, owner, applicationId, guildId, botPermissions);
            JDA jda = login(stack, token, intents);
            return new ConcordBot(stack, owner, guildId, general, application, token, botPermissions, jda);
        } catch (Exception | AssertionError e) {
            stack.close();
            throw e;
        }
    }

    /** An unmodified JDA pointed at Concord: only the REST base URL and the gateway URL differ from Discord's. */
    static JDA login(Stack stack, String token, EnumSet<GatewayIntent> intents) throws Exception {
        String gateway = stack.ws.publicUrl();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        JDA jda = JDABuilder.createDefault(token, intents)
                .addEventListeners((EventListener) event -> {
                    if (event instanceof ReadyEvent) ready.complete(null);
                    if (event instanceof ShutdownEvent shutdown) {
                        ready.completeExceptionally(new IllegalStateException("JDA shut down before READY: " + shutdown.getCloseCode()));
                    }
                })
                .setRestConfig(new RestConfig().setBaseUrl(stack.api.baseUrl() + "/"))
                .setSessionController(new ConcurrentSessionController() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .build();
        try {
            ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            jda.shutdownNow();
            throw new AssertionError("JDA not ready within " + READY_TIMEOUT + ", status " + jda.getStatus(), e);
        } catch (Exception e) {
            jda.shutdownNow();
            throw e;
        }
        return jda;
    }

    /** Another bot of the owner's, added to this guild with {@code permissions} and logged in with {@code intents}. */
    record OtherBot(String userId, String token, JDA jda) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            jda.shutdownNow();
            jda.awaitShutdown(Duration.ofSeconds(10));
        }
    }

    OtherBot addBot(String applicationName, long permissions, EnumSet<GatewayIntent> intents) throws Exception {
        JsonNode application = ok(rest.call("POST", "/applications", ownerToken, Json.write(Map.of("name", applicationName))), 201);
        String id = application.path("id").asString();
        String token = ok(rest.call("POST", "/applications/" + id + "/bot/reset", ownerToken, null), 200).path("token").asString();
        authorize(rest, ownerToken, id, guildId, permissions);
        return new OtherBot(application.path("bot").path("id").asString(), token, login(stack, token, intents));
    }

    /** Adds this bot to another guild of the owner's, as the owner does through OAuth2. */
    void authorize(String guildId, long permissions) {
        authorize(rest, ownerToken, applicationId, guildId, permissions);
    }

    private static void authorize(RestClient rest, String userToken, String applicationId, String guildId, long permissions) {
        String p = Long.toUnsignedString(permissions);
        ok(rest.call("POST", "/oauth2/authorize?client_id=" + applicationId + "&scope=bot&permissions=" + p, userToken,
                Json.write(Map.of("guild_id", guildId, "permissions", p, "authorize", true))), 200);
    }

    private static String general(RestClient rest, String token, String guildId) {
        for (JsonNode c : ok(rest.call("GET", "/guilds/" + guildId + "/channels", token, null), 200)) {
            if (c.path("type").asInt() == 0) return c.path("id").asString();
        }
        throw new AssertionError("the new guild has no text channel");
    }

    private static JsonNode ok(RestClient.Response r, int status) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        return r.body();
    }

    @Override
    public void close() throws Exception {
        try {
            jda.shutdownNow();
            jda.awaitShutdown(Duration.ofSeconds(10));
        } finally {
            stack.close();
        }
    }
}
