package io.concord.api.http;

import java.util.Map;

/** What a route answers: a status, a JSON body (absent for 204) and extra headers. */
public record Reply(int status, Object body, Map<String, String> headers) {
    public static Reply ok(Object body) {
        return new Reply(200, body, Map.of());
    }

    public static Reply created(Object body) {
        return new Reply(201, body, Map.of());
    }

    public static Reply noContent() {
        return new Reply(204, null, Map.of());
    }
}
