package io.concord.api.http;

import java.util.Map;
import java.util.Optional;

/** One REST route: a method and a path template such as {@code /channels/{channel_id}/messages}. */
record Route(String method, String[] segments, RouteHandler handler, boolean authenticated) {

    static Route of(String method, String template, RouteHandler handler, boolean authenticated) {
        return new Route(method, split(template), handler, authenticated);
    }

    static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    /** The path parameters when {@code path} fits this template. */
    Optional<Map<String, String>> match(String[] path) {
        if (path.length != segments.length) return Optional.empty();
        Map<String, String> params = new java.util.HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.startsWith("{") && s.endsWith("}")) {
                params.put(s.substring(1, s.length() - 1), path[i]);
            } else if (!s.equals(path[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** Literal segments beat parameters, so {@code /users/@me} wins over {@code /users/{user_id}}. */
    int specificity() {
        int n = 0;
        for (String s : segments) if (!s.startsWith("{")) n++;
        return n;
    }
}
