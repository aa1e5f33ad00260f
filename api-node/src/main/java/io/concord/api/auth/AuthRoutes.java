package io.concord.api.auth;

import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import java.util.Map;

/** {@code /auth/register}, {@code /auth/login}, {@code /auth/refresh}, {@code /auth/logout}. */
public final class AuthRoutes {
    private AuthRoutes() {}

    public static void register(Router router, AuthService auth) {
        router.open("POST", "/auth/register", call -> {
            Form form = call.form();
            var email = form.email("email");
            var username = form.string("username", 2, 32, true);
            username.filter(u -> !u.matches("[A-Za-z0-9_.]+")).ifPresent(u -> form.error("username", "USERNAME_INVALID_CHARACTERS",
                    "Username can only contain letters, numbers, underscores _ and periods ."));
            var password = form.string("password", 8, 128, true);
            form.done();
            return Reply.created(body(auth.register(email.get(), username.get(), password.get())));
        });
        router.open("POST", "/auth/login", call -> {
            // No stored email holds a NUL, so such a login names no account: the usual answer, no hint.
            if (call.json().path("login").asString("").indexOf('\u0000') >= 0) throw AuthService.invalidLogin();
            Form form = call.form();
            var login = form.string("login", 1, 320, true);
            var password = form.string("password", 1, 128, true);
            form.done();
            return Reply.ok(body(auth.login(login.get(), password.get())));
        });
        router.open("POST", "/auth/refresh", call -> {
            Form form = call.form();
            var token = form.string("refresh_token", 1, 200, true);
            form.done();
            return Reply.ok(body(auth.refresh(token.get())));
        });
        router.post("/auth/logout", call -> {
            auth.logout(call.principal());
            return Reply.noContent();
        });
    }

    private static Map<String, String> body(AuthService.Tokens t) {
        return Map.of("token", t.token(), "refresh_token", t.refreshToken(), "user_id", Long.toString(t.userId()));
    }
}
