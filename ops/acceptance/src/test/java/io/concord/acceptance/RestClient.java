package io.concord.acceptance;

import io.concord.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Plain HTTP against the api-node, as any client would call it. */
final class RestClient {
    record Response(int status, JsonNode body, Map<String, List<String>> headers) {
        Response(int status, JsonNode body) {
            this(status, body, Map.of());
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        @Override
        public String toString() {
            return "Response[status=" + status + ", body=" + body + "]";
        }
    }

    /** A well-behaved client waits at most this long for a bucket to reset before it gives up. */
    private static final long MAX_RETRY_AFTER_SECONDS = 30;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    RestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * One request; on a 429 it waits the {@code Retry-After} seconds the server asks for and tries once
     * more, as a plain client honouring Discord's rate-limit headers does.
     */
    Response call(String method, String path, String token, String json) {
        Response r = attempt(method, path, token, json);
        if (r.status() != 429) return r;
        String retryAfter = r.header("Retry-After").orElseThrow(() -> new AssertionError("429 without Retry-After: " + r));
        long seconds = Long.parseLong(retryAfter);
        if (seconds < 0 || seconds > MAX_RETRY_AFTER_SECONDS) throw new AssertionError("unreasonable Retry-After " + seconds + ": " + r);
        sleep(seconds * 1000);
        return attempt(method, path, token, json);
    }

    /** Exactly one request, whatever the answer (429 included). */
    Response attempt(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", token);
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body().isEmpty() ? Json.object() : Json.parse(r.body()), r.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
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
