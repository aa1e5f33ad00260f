package io.concord.api.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The route table under {@code /api/v10} (and {@code /api/v9}, which clients still send). */
public final class Router {
    private static final List<String> PREFIXES = List.of("/api/v10", "/api/v9");
    private final List<Route> routes = new ArrayList<>();

    public Router get(String template, RouteHandler h) {
        return add("GET", template, h, true);
    }

    public Router post(String template, RouteHandler h) {
        return add("POST", template, h, true);
    }

    public Router patch(String template, RouteHandler h) {
        return add("PATCH", template, h, true);
    }

    public Router put(String template, RouteHandler h) {
        return add("PUT", template, h, true);
    }

    public Router delete(String template, RouteHandler h) {
        return add("DELETE", template, h, true);
    }

    /** A route that answers without a token (register, login, invite lookup, gateway URL). */
    public Router open(String method, String template, RouteHandler h) {
        return add(method, template, h, false);
    }

    private Router add(String method, String template, RouteHandler h, boolean authenticated) {
        routes.add(Route.of(method, template, h, authenticated));
        routes.sort(Comparator.comparingInt(Route::specificity).reversed());
        return this;
    }

    record Match(Route route, Map<String, String> params) {}

    sealed interface Result permits Found, NotFound, MethodNotAllowed {}

    record Found(Match match) implements Result {}

    record NotFound() implements Result {}

    record MethodNotAllowed(Set<String> allowed) implements Result {}

    Result resolve(String method, String path) {
        Optional<String> rest = PREFIXES.stream().filter(p -> path.equals(p) || path.startsWith(p + "/"))
                .findFirst().map(p -> path.substring(p.length()));
        if (rest.isEmpty()) return new NotFound();
        String[] segments = Route.split(rest.get());
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Optional<Map<String, String>> params = r.match(segments);
            if (params.isEmpty()) continue;
            if (r.method().equals(method)) return new Found(new Match(r, params.get()));
            allowed.add(r.method());
        }
        return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(allowed);
    }
}
