package io.concord.acceptance;

import io.concord.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Plain HTTP against the api-node, as any client would call it. */
final class RestClient {
    record Response(int status, JsonNode body) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    RestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Response call(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", token);
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body().isEmpty() ? Json.object() : Json.parse(r.body()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a fresh user and returns its access token. */
    String register(String name) {
        String email = name + "-" + java.util.UUID.randomUUID() + "@example.test";
        Response r = call("POST", "/auth/register", null,
                "{\"email\":\"" + email + "\",\"username\":\"" + name + "\",\"password\":\"correct horse battery\"}");
        if (r.status() != 201) throw new AssertionError("register failed: " + r);
        return r.body().path("token").asString();
    }
}
