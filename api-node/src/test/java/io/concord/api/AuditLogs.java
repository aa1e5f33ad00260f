package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Requests carrying {@code X-Audit-Log-Reason} (URL-encoded, as JDA sends it) and reads of a guild's
 * audit log. {@link #mark} then {@link #since} gives exactly the entries an action wrote.
 */
final class AuditLogs {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final RestClient rest;

    AuditLogs(RestClient rest) {
        this.rest = rest;
    }

    /** {@code method path} with a JSON body (null for none) and the reason header. */
    Response withReason(String method, String path, String token, Object json, String reason) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rest.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(Json.write(json)))
                .header("Authorization", token)
                .header("X-Audit-Log-Reason", URLEncoder.encode(reason, StandardCharsets.UTF_8));
        if (json != null) request.header("Content-Type", "application/json");
        try {
            var response = HTTP.send(request.build(), BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text.isEmpty() ? Json.object().path("absent") : Json.parse(text);
            Response r = new Response(response.statusCode(), body, text, response.headers());
            assertThat(r.status()).as("%s %s answered %s", method, path, r).isNotEqualTo(500);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String guildId, String token, String query) {
        return rest.get("/guilds/" + guildId + "/audit-logs" + (query.isEmpty() ? "" : "?" + query), token);
    }

    /** The answer of a GET that must succeed. */
    JsonNode read(String guildId, String token, String query) {
        Response r = get(guildId, token, query);
        assertThat(r.status()).as("audit log: %s", r).isEqualTo(200);
        return r.json();
    }

    /** The newest entry's id, or "0": the entries after it are the ones still to come. */
    String mark(String guildId, String token) {
        JsonNode entries = read(guildId, token, "limit=1").path("audit_log_entries");
        return entries.isEmpty() ? "0" : entries.get(0).path("id").asString();
    }

    /** Every entry after {@code mark}, oldest first. */
    List<JsonNode> since(String guildId, String token, String mark) {
        List<JsonNode> entries = new ArrayList<>();
        read(guildId, token, "after=" + mark + "&limit=100").path("audit_log_entries").forEach(entries::add);
        return entries;
    }

    /** The one entry written after {@code mark}. */
    JsonNode single(String guildId, String token, String mark) {
        List<JsonNode> entries = since(guildId, token, mark);
        assertThat(entries).as("entries after %s", mark).hasSize(1);
        return entries.getFirst();
    }

    /** The entry's change of {@code key}, or a missing node. */
    static JsonNode change(JsonNode entry, String key) {
        for (JsonNode c : entry.path("changes")) if (c.path("key").asString().equals(key)) return c;
        return Json.object().path("absent");
    }

    static List<String> changedKeys(JsonNode entry) {
        List<String> keys = new ArrayList<>();
        entry.path("changes").forEach(c -> keys.add(c.path("key").asString()));
        return keys;
    }
}
