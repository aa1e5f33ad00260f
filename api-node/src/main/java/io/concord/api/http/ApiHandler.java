package io.concord.api.http;

import io.concord.api.ratelimit.Decision;
import io.concord.api.ratelimit.RateLimiter;
import io.concord.common.auth.Principal;
import io.concord.common.auth.TokenAuthenticator;
import io.concord.common.error.ApiException;
import io.concord.common.error.ServiceUnavailable;
import io.concord.common.error.Unauthorized;
import io.concord.common.json.Json;
import io.concord.common.store.StoreUnavailable;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The REST edge: routes the request, authenticates it, bounds and reads its body, runs the route on
 * this virtual thread, and is the one place where failures become Discord error bodies.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    static final int MAX_BODY_BYTES = 256 * 1024;
    private final Router router;
    private final TokenAuthenticator authenticator;
    private final RateLimiter rateLimiter;
    private final Histogram latency;

    public ApiHandler(Router router, TokenAuthenticator authenticator, PrometheusRegistry registry) {
        this(router, authenticator, RateLimiter.OFF, registry);
    }

    public ApiHandler(Router router, TokenAuthenticator authenticator, RateLimiter rateLimiter, PrometheusRegistry registry) {
        this.router = router;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.latency = Histogram.builder().name("http_server_request_duration_seconds").help("REST request latency")
                .labelNames("method", "route", "status").register(registry);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        MDC.put("request_id", requestId);
        String method = request.getMethod();
        String routeLabel = "unmatched";
        Reply reply;
        try {
            Router.Result result = router.resolve(method, Request.getPathInContext(request));
            reply = switch (result) {
                case Router.NotFound nf -> error(404, 0, "404: Not Found");
                case Router.MethodNotAllowed na -> new Reply(405, java.util.Map.of("message", "405: Method Not Allowed", "code", 0),
                        java.util.Map.of("Allow", String.join(", ", na.allowed())));
                case Router.Found found -> {
                    routeLabel = String.join("/", found.match().route().segments());
                    yield run(found.match(), request);
                }
            };
        } catch (ApiException e) {
            reply = errorOf(e);
        } catch (RuntimeException e) {
            if (StoreUnavailable.causedBy(e)) {
                // A store down or its pool exhausted: the client may retry, as after any 503.
                log.warn("request {} {}: a store is unavailable: {}", method, Request.getPathInContext(request), e.toString());
                reply = errorOf(new ServiceUnavailable("Service temporarily unavailable, try again"));
            } else {
                log.error("request {} {} failed", method, Request.getPathInContext(request), e);
                reply = error(500, 0, "500: Internal Server Error");
            }
        } finally {
            MDC.remove("request_id");
        }
        write(response, callback, reply, requestId);
        latency.labelValues(method, routeLabel, Integer.toString(reply.status())).observe((System.nanoTime() - start) / 1e9);
        return true;
    }

    /**
     * Authenticates, asks the rate limiter (a refused request never runs and never has its body read),
     * runs the route, and tells the limiter how it was answered; every answer carries the bucket headers.
     */
    private Reply run(Router.Match match, Request request) {
        Map<String, String> headers = new HashMap<>();
        for (HttpField f : request.getHeaders()) headers.put(f.getLowerCaseName(), f.getValue());
        Optional<Principal> principal = authenticator.authenticate(headers.get("authorization"));
        String clientIp = Request.getRemoteAddr(request);
        Decision decision = rateLimiter.admit(match.route().method(), List.of(match.route().segments()), match.params(), principal, clientIp);
        Reply reply;
        if (decision.limited()) {
            reply = new Reply(429, decision.body(), Map.of());
        } else {
            try {
                reply = execute(match, request, headers, principal);
            } catch (ApiException e) {
                reply = errorOf(e);
            }
        }
        rateLimiter.answered(reply.status(), decision, clientIp);
        if (!decision.checked()) return reply;
        Map<String, String> merged = new LinkedHashMap<>(reply.headers());
        merged.putAll(decision.headers());
        return new Reply(reply.status(), reply.body(), merged);
    }

    private Reply execute(Router.Match match, Request request, Map<String, String> headers, Optional<Principal> principal) {
        if (match.route().authenticated() && principal.isEmpty()) throw new Unauthorized();
        long declared = request.getLength();
        if (declared > MAX_BODY_BYTES) return error(413, 40005, "Request entity too large");
        byte[] body = readBody(request);
        if (body == null) return error(413, 40005, "Request entity too large");
        Map<String, List<String>> query = new HashMap<>();
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        for (Fields.Field f : fields) query.put(f.getName(), f.getValues());
        Call call = new Call(match.params(), query, headers, body, principal);
        return match.route().handler().handle(call);
    }

    /** The body, or null when it is larger than allowed. */
    private static byte[] readBody(Request request) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            return bytes.length > MAX_BODY_BYTES ? null : bytes;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static Reply errorOf(ApiException e) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("message", e.getMessage());
        body.put("code", e.code());
        e.errors().ifPresent(errors -> body.put("errors", errors));
        body.putAll(e.extraFields());
        return new Reply(e.status(), body, e.headers());
    }

    static Reply error(int status, int code, String message) {
        return new Reply(status, Map.of("message", message, "code", code), Map.of());
    }

    private static void write(Response response, Callback callback, Reply reply, String requestId) {
        response.setStatus(reply.status());
        response.getHeaders().put("X-Request-Id", requestId);
        reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        if (reply.body() == null) {
            callback.succeeded();
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Json.write(reply.body()).getBytes(StandardCharsets.UTF_8)), callback);
    }
}
