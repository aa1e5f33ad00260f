package io.concord.api.http;

import io.concord.common.auth.Principal;
import io.concord.common.error.BadRequest;
import io.concord.common.error.InvalidForm;
import io.concord.common.error.Unauthorized;
import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** One request as a route sees it: path parameters, query, headers, the JSON body and the caller. */
public final class Call {
    private final Map<String, String> params;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final byte[] body;
    private final Optional<Principal> principal;
    private JsonNode json;

    Call(Map<String, String> params, Map<String, List<String>> query, Map<String, String> headers, byte[] body, Optional<Principal> principal) {
        this.params = params;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.principal = principal;
    }

    /** The authenticated caller; routes declared with a token always have one. */
    public Principal principal() {
        return principal.orElseThrow(Unauthorized::new);
    }

    public Optional<Principal> maybePrincipal() {
        return principal;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** A snowflake path parameter; a malformed one is a 50035 error on that field, as Discord answers. */
    public long id(String name) {
        String raw = params.get(name);
        return Snowflakes.parse(raw).orElseThrow(() ->
                InvalidForm.of(name, "NUMBER_TYPE_COERCE", "Value \"" + Form.abbreviate(raw) + "\" is not snowflake."));
    }

    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Every value of a repeated query parameter ({@code ?a=1&a=2}, or {@code a[]=1&a[]=2} as some clients write it). */
    public List<String> queryAll(String name) {
        List<String> plain = query.getOrDefault(name, List.of());
        List<String> bracketed = query.getOrDefault(name + "[]", List.of());
        if (bracketed.isEmpty()) return List.copyOf(plain);
        List<String> all = new java.util.ArrayList<>(plain);
        all.addAll(bracketed);
        return all;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The body as a JSON object; invalid JSON is 50109 and a non-object is a 50035 error. */
    public JsonNode json() {
        if (json == null) {
            if (body.length == 0) {
                json = Json.object();
            } else {
                try {
                    json = Json.parse(new String(body, StandardCharsets.UTF_8));
                } catch (Json.MalformedJson e) {
                    throw BadRequest.invalidJson();
                }
                if (!json.isObject()) {
                    throw InvalidForm.of("", "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
                }
            }
        }
        return json;
    }

    /** The body as a JSON array (bulk routes such as position updates); anything else is a 50035 error. */
    public JsonNode jsonArray() {
        JsonNode parsed;
        try {
            parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (Json.MalformedJson e) {
            throw BadRequest.invalidJson();
        }
        if (!parsed.isArray()) throw InvalidForm.of("", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
        return parsed;
    }

    public Form form() {
        return new Form(json());
    }
}
