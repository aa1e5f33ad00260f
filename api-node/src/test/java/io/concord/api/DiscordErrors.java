package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import tools.jackson.databind.JsonNode;

/** Assertions on Discord's error bodies: {@code {code, message}} and the nested 50035 {@code errors}. */
final class DiscordErrors {
    private DiscordErrors() {}

    /** The exact status, code and message, and no per-field errors. */
    static void assertError(Response r, int status, int code, String message) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.json().path("code").isInt()).as("numeric code in %s", r).isTrue();
        assertThat(r.json().path("code").asInt()).as("code of %s", r).isEqualTo(code);
        assertThat(r.json().path("message").asString()).as("message of %s", r).isEqualTo(message);
        assertThat(r.json().has("errors")).as("errors in %s", r).isFalse();
    }

    /** A 400 50035 "Invalid Form Body" whose {@code errors} hold {@code code} first at each dotted path. */
    static void assertInvalidForm(Response r, String code, String... paths) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(400);
        assertThat(r.json().path("code").asInt()).as("code of %s", r).isEqualTo(50035);
        assertThat(r.json().path("message").asString()).isEqualTo("Invalid Form Body");
        for (String path : paths) assertThat(fieldCode(r, path)).as("%s in %s", path, r).isEqualTo(code);
    }

    /** A 400 50035 with at least one error at {@code path}, whichever code it carries. */
    static void assertInvalidFormAt(Response r, String path) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(400);
        assertThat(r.json().path("code").asInt()).as("code of %s", r).isEqualTo(50035);
        assertThat(errorsAt(r, path).path("_errors").size()).as("errors at %s in %s", path, r).isPositive();
    }

    /** The code of the first error at a dotted path of {@code errors} ("" is the body itself). */
    static String fieldCode(Response r, String path) {
        return errorsAt(r, path).path("_errors").path(0).path("code").asString("<none>");
    }

    static String fieldMessage(Response r, String path) {
        return errorsAt(r, path).path("_errors").path(0).path("message").asString("<none>");
    }

    static JsonNode errorsAt(Response r, String path) {
        JsonNode node = r.json().path("errors");
        if (!path.isEmpty()) for (String part : path.split("\\.")) node = node.path(part);
        return node;
    }
}
