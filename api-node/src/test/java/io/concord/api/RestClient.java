package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP client against a running api-node. Every answer is checked for a 500 on the way, since
 * no request a client can send should ever make the node fail.
 */
final class RestClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Supplier<String> baseUrl;

    RestClient(String baseUrl) {
        this(() -> baseUrl);
    }

    /** A client asking for the base URL on each request, so that it can exist before its node starts. */
    RestClient(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A status, the parsed JSON body (a missing node when there is none) and the headers. */
    record Response(int status, JsonNode json, String text, HttpHeaders headers) {
        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    Response get(String path, String token) {
        return send("GET", path, token, BodyPublishers.noBody(), null);
    }

    Response post(String path, String token, Object json) {
        return postRaw(path, token, Json.write(json));
    }

    Response patch(String path, String token, Object json) {
        return send("PATCH", path, token, BodyPublishers.ofString(Json.write(json)), "application/json");
    }

    Response put(String path, String token, Object json) {
        return send("PUT", path, token, BodyPublishers.ofString(Json.write(json)), "application/json");
    }

    /** A PUT without a body, as clients send for reactions and role grants. */
    Response put(String path, String token) {
        return send("PUT", path, token, BodyPublishers.noBody(), null);
    }

    Response delete(String path, String token) {
        return send("DELETE", path, token, BodyPublishers.noBody(), null);
    }

    Response postRaw(String path, String token, String body) {
        return send("POST", path, token, BodyPublishers.ofString(body), "application/json");
    }

    Response send(String method, String path, String token, BodyPublisher body, String contentType) {
        return sendTo(URI.create(baseUrl.get() + path), method, token, body, contentType);
    }

    /** A request to a path outside the API prefix (or with another prefix). */
    Response sendTo(URI uri, String method, String authorization, BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, body);
        if (authorization != null) request.header("Authorization", authorization);
        if (contentType != null) request.header("Content-Type", contentType);
        try {
            var response = HTTP.send(request.build(), BodyHandlers.ofString());
            String text = response.body();
            JsonNode json = text == null || text.isEmpty() ? Json.object().path("absent") : Json.parse(text);
            Response r = new Response(response.statusCode(), json, text, response.headers());
            assertThat(r.status()).as("%s %s answered %s", method, uri, r).isNotEqualTo(500);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return baseUrl.get();
    }
}
