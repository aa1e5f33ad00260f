package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static io.concord.api.DiscordErrors.assertInvalidForm;
import static io.concord.api.DiscordErrors.fieldCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.concord.api.RestClient.Response;
import io.concord.common.id.Snowflakes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(101);
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();

    private static Response register(String email, String username, String password) {
        return rest.post("/auth/register", null, Map.of("email", email, "username", username, "password", password));
    }

    private static Response login(String login, String password) {
        return rest.post("/auth/login", null, Map.of("login", login, "password", password));
    }

    private static Response refresh(String refreshToken) {
        return rest.post("/auth/refresh", null, Map.of("refresh_token", refreshToken));
    }

    private static Response me(String authorization) {
        return rest.get("/users/@me", authorization);
    }

    @Test
    void registerReturnsTokensAndASnowflakeUserId() {
        Response r = register(Accounts.uniqueEmail(), Accounts.uniqueName(), Accounts.PASSWORD);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("token").asString()).isNotBlank();
        assertThat(r.json().path("refresh_token").asString()).isNotBlank();
        assertThat(r.json().path("user_id").isString()).as("user_id is a string").isTrue();
        assertThat(Snowflakes.parse(r.json().path("user_id").asString())).isPresent();
        assertThat(me(r.json().path("token").asString()).json().path("id").asString()).isEqualTo(r.json().path("user_id").asString());
    }

    @Test
    void registeringATakenEmailIsEmailAlreadyRegistered() {
        String email = Accounts.uniqueEmail();
        assertThat(register(email, Accounts.uniqueName(), Accounts.PASSWORD).status()).isEqualTo(201);

        Response again = register(email.toUpperCase(java.util.Locale.ROOT), Accounts.uniqueName(), Accounts.PASSWORD);

        assertInvalidForm(again, "EMAIL_ALREADY_REGISTERED", "email");
    }

    @Test
    void registeringWithSeveralBadFieldsListsEveryFieldInOneResponse() {
        Response r = rest.post("/auth/register", null, Map.of("email", "not-an-email", "password", "short"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("code").asInt()).isEqualTo(50035);
        assertThat(r.json().path("message").asString()).isEqualTo("Invalid Form Body");
        assertThat(fieldCode(r, "email")).isEqualTo("EMAIL_TYPE_INVALID_EMAIL");
        assertThat(fieldCode(r, "username")).isEqualTo("BASE_TYPE_REQUIRED");
        assertThat(fieldCode(r, "password")).isEqualTo("BASE_TYPE_BAD_LENGTH");
        assertThat(r.json().path("errors").propertyNames()).containsExactlyInAnyOrder("email", "username", "password");
    }

    @Test
    void loginWithTheRightPasswordOpensANewSession() {
        Accounts.User user = accounts.register();

        Response r = login(user.email(), Accounts.PASSWORD);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("user_id").asString()).isEqualTo(user.id());
        assertThat(r.json().path("token").asString()).isNotEqualTo(user.token());
        assertThat(me(r.json().path("token").asString()).status()).isEqualTo(200);
    }

    @Test
    void loginWithAWrongPasswordIsInvalidLoginOnBothFields() {
        Accounts.User user = accounts.register();

        Response r = login(user.email(), "wrong password!");

        assertInvalidForm(r, "INVALID_LOGIN", "login", "password");
    }

    @Test
    void loginWithAnUnknownEmailIsTheSameInvalidLogin() {
        assertInvalidForm(login(Accounts.uniqueEmail(), Accounts.PASSWORD), "INVALID_LOGIN", "login", "password");
    }

    @Test
    void refreshRotatesAndTheNewRefreshTokenWorksOnce() {
        Accounts.User user = accounts.register();

        Response first = refresh(user.refreshToken());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("user_id").asString()).isEqualTo(user.id());
        String next = first.json().path("refresh_token").asString();
        assertThat(next).isNotEqualTo(user.refreshToken());
        assertThat(me(first.json().path("token").asString()).status()).isEqualTo(200);

        Response second = refresh(next);
        assertThat(second.status()).isEqualTo(200);
        assertError(refresh(next), 401, 0, "401: Unauthorized");
    }

    @Test
    void reusingASupersededRefreshTokenRevokesTheWholeDeviceSession() {
        Accounts.User user = accounts.register();
        Response rotated = refresh(user.refreshToken());
        assertThat(rotated.status()).isEqualTo(200);
        String newest = rotated.json().path("refresh_token").asString();

        assertError(refresh(user.refreshToken()), 401, 0, "401: Unauthorized");

        assertError(refresh(newest), 401, 0, "401: Unauthorized");
        assertError(me(user.token()), 401, 0, "401: Unauthorized");
        assertError(me(rotated.json().path("token").asString()), 401, 0, "401: Unauthorized");
    }

    @Test
    void anotherDeviceSessionSurvivesTheRevocation() {
        Accounts.User user = accounts.register();
        String otherDevice = login(user.email(), Accounts.PASSWORD).json().path("token").asString();
        refresh(user.refreshToken());

        refresh(user.refreshToken());

        assertThat(me(otherDevice).status()).isEqualTo(200);
    }

    @Test
    void logoutAnswers204AndTheTokenStopsWorking() {
        Accounts.User user = accounts.register();

        Response r = rest.post("/auth/logout", user.token(), Map.of());

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
        assertError(me(user.token()), 401, 0, "401: Unauthorized");
        assertError(refresh(user.refreshToken()), 401, 0, "401: Unauthorized");
    }

    @Test
    void aBearerPrefixedTokenWorksLikeTheRawToken() {
        Accounts.User user = accounts.register();

        assertThat(me("Bearer " + user.token()).status()).isEqualTo(200);
        assertThat(me(user.token()).status()).isEqualTo(200);
    }

    @Test
    void aGarbageTokenIsUnauthorized() {
        Response r = me("garbage.not.a-token");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json()).isEqualTo(io.concord.common.json.Json.parse("{\"message\":\"401: Unauthorized\",\"code\":0}"));
    }

    @Test
    void noTokenIsUnauthorized() {
        assertError(me(null), 401, 0, "401: Unauthorized");
    }

    @Test
    void anUnknownRefreshTokenIsUnauthorized() {
        assertError(refresh("never-issued-" + Accounts.uniqueName()), 401, 0, "401: Unauthorized");
    }

    @Test
    void registeringAnEmailWithANulCharacterIsAnInvalidFormBody() {
        Response r = register("a\u0000" + Accounts.uniqueEmail(), Accounts.uniqueName(), Accounts.PASSWORD);

        DiscordErrors.assertInvalidFormAt(r, "email");
    }

    @Test
    void loggingInWithANulCharacterIsInvalidLogin() {
        assertInvalidForm(login("a\u0000b@example.com", Accounts.PASSWORD), "INVALID_LOGIN", "login", "password");
    }

    @Test
    void aUsernameWithSpacesIsUsernameInvalidCharacters() {
        assertInvalidForm(register(Accounts.uniqueEmail(), "two words", Accounts.PASSWORD), "USERNAME_INVALID_CHARACTERS", "username");
    }
}
