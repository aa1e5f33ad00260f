package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.json.Json;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the edge answers before any route runs. Every request also checks that no answer is a 500. */
class ErrorTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(107);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();

    private static URI root(String path) {
        return URI.create("http://127.0.0.1:" + api.node().port() + path);
    }

    @Test
    void anUnknownRouteIsDiscordsNotFound() {
        Response r = rest.get("/no/such/route", accounts.register().token());

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json()).isEqualTo(Json.parse("{\"message\":\"404: Not Found\",\"code\":0}"));
    }

    @Test
    void anUnknownRouteWithoutATokenIsStillNotFound() {
        assertError(rest.get("/no/such/route", null), 404, 0, "404: Not Found");
        assertError(rest.sendTo(root("/"), "GET", null, BodyPublishers.noBody(), null), 404, 0, "404: Not Found");
        assertError(rest.sendTo(root("/api/v8/users/@me"), "GET", null, BodyPublishers.noBody(), null), 404, 0, "404: Not Found");
    }

    @Test
    void aPathJettyRejectsBeforeRoutingStillGetsADiscordErrorBody() {
        Response r = rest.sendTo(root("/api/v10/guilds/%00"), "GET", null, BodyPublishers.noBody(), null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("code").asInt()).isZero();
        assertThat(r.json().path("message").asString()).isEqualTo("400: Bad Request");
    }

    @Test
    void aWrongMethodOnAKnownRouteIs405() {
        Response r = rest.send("DELETE", "/guilds", accounts.register().token(), BodyPublishers.noBody(), null);

        assertError(r, 405, 0, "405: Method Not Allowed");
    }

    @Test
    void aWrongMethodNamesTheAllowedMethods() {
        Response r = rest.send("DELETE", "/guilds", null, BodyPublishers.noBody(), null);

        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void theV9PrefixServesTheSameRoutes() {
        Accounts.User user = accounts.register();

        Response r = rest.sendTo(root("/api/v9/users/@me"), "GET", user.token(), BodyPublishers.noBody(), null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asString()).isEqualTo(user.id());
    }

    @Test
    void aTrailingSlashReachesTheSameRoute() {
        Accounts.User user = accounts.register();

        assertThat(rest.get("/users/@me/", user.token()).status()).isEqualTo(200);
    }

    @Test
    void everyAnswerCarriesARequestId() {
        Response r = rest.get("/no/such/route", null);

        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void anAuthenticatedRouteWithoutATokenIsUnauthorizedBeforeItsBodyIsRead() {
        assertError(rest.postRaw("/guilds", null, "not json"), 401, 0, "401: Unauthorized");
    }

    @Test
    void aBodyThatIsNotJsonOnAnOpenRouteIs50109() {
        assertError(rest.postRaw("/auth/login", null, "login=a&password=b"), 400, 50109, "The request body contains invalid JSON.");
    }
}
