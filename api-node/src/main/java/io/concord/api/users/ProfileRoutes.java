package io.concord.api.users;

import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.api.members.MemberService;
import io.concord.common.user.UserRepository.ProfileEdit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** {@code GET /users/{u}}, {@code PATCH /users/@me} and leaving a guild ({@code DELETE /users/@me/guilds/{g}}). */
public final class ProfileRoutes {
    /** Discord's unique usernames: lowercase letters, digits, underscore and period, no two periods in a row. */
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.]+");

    private ProfileRoutes() {}

    public static void register(Router router, UserService users, MemberService members) {
        router.get("/users/{user_id}", call -> Reply.ok(users.publicUser(call.id("user_id"))));
        router.patch("/users/@me", call -> Reply.ok(users.updateMe(call.principal().userId(), edit(call))));
        router.delete("/users/@me/guilds/{guild_id}", call -> {
            members.leave(call.principal().userId(), call.id("guild_id"));
            return Reply.noContent();
        });
    }

    private static ProfileEdit edit(Call call) {
        JsonNode body = call.json();
        Form form = call.form();
        Optional<String> username = form.string("username", 2, 32, false);
        username.ifPresent(u -> checkUsername(u, form));
        boolean setGlobalName = body.has("global_name");
        String globalName = null;
        if (form.has("global_name")) {
            globalName = form.name("global_name", 1, 32).orElse(null);
        }
        boolean setAvatar = body.has("avatar");
        String avatar = null;
        if (form.has("avatar")) {
            avatar = form.string("avatar", 1, Integer.MAX_VALUE, false).flatMap(s -> AvatarImage.hash("avatar", s, form)).orElse(null);
        }
        form.done();
        return new ProfileEdit(username, setGlobalName, globalName, setAvatar, avatar);
    }

    private static void checkUsername(String u, Form form) {
        if (!USERNAME.matcher(u).matches() || u.contains("..")) {
            form.error("username", "USERNAME_INVALID_CHARACTERS",
                    "Username can only contain lowercase letters, numbers, underscores _ and periods . (no two in a row).");
            return;
        }
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.equals("everyone") || lower.equals("here") || lower.contains("discord") || lower.contains("clyde")) {
            form.error("username", "USERNAME_INVALID_CONTAINS", "Username cannot be or contain \"" + u + "\".");
        }
    }
}
