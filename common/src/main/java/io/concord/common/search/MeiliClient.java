package io.concord.common.search;

import io.concord.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The few Meilisearch calls Concord makes, over the JDK HTTP client with the project's JSON mapping.
 * Writes are asynchronous in Meilisearch: they return a task uid, and {@link #awaitTask} waits until
 * the task has succeeded (or throws when it failed).
 */
public final class MeiliClient {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient http;
    private final URI base;
    private final String masterKey;

    public MeiliClient(URI base, String masterKey) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.masterKey = masterKey;
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** One request; a non-2xx answer throws {@link MeiliException} with Meilisearch's error code. */
    public JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body)));
        if (body != null) request.header("Content-Type", "application/json");
        if (!masterKey.isEmpty()) request.header("Authorization", "Bearer " + masterKey);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MeiliException("Meilisearch unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeiliException("interrupted while calling Meilisearch", e);
        }
        JsonNode json = response.body().isEmpty() ? Json.object() : parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new MeiliException(response.statusCode(), json.path("code").asString("unknown"),
                    method + " " + path + ": " + json.path("message").asString(response.body()));
        }
        return json;
    }

    /** The uid of the task a write enqueued. */
    public static long taskUid(JsonNode enqueued) {
        return enqueued.path("taskUid").asLong(-1);
    }

    /**
     * Waits until the task is done: returns when it succeeded, throws when it failed, was canceled
     * or is still not done after {@code timeout}. Polls with a short backoff (tasks of one batch are
     * usually processed within a few milliseconds).
     */
    public void awaitTask(long uid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 5;
        while (true) {
            JsonNode task = get("/tasks/" + uid);
            switch (task.path("status").asString("")) {
                case "succeeded" -> {
                    return;
                }
                case "failed", "canceled" -> throw new MeiliException(0, "task_failed",
                        "task " + uid + " " + task.path("status").asString() + ": " + task.path("error").path("message").asString(""));
                default -> { }
            }
            if (System.nanoTime() > deadline) throw new MeiliException(0, "task_timeout", "task " + uid + " not done after " + timeout);
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MeiliException("interrupted while waiting for task " + uid, e);
            }
            pause = Math.min(pause * 2, 100);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.parse(body);
        } catch (Json.MalformedJson e) {
            return Json.object().put("message", body);
        }
    }
}
