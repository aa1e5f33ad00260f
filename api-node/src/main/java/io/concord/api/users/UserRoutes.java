package io.concord.api.users;

import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.error.NotFound;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.model.PartialGuild;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /users/@me} and {@code GET /users/@me/guilds}. */
public final class UserRoutes {
    private UserRoutes() {}

    public static void register(Router router, UserRepository users, GuildRepository guilds, MemberRepository members, Clock clock) {
        router.get("/users/@me", call -> {
            UserRow me = users.byId(call.principal().userId()).orElseThrow(() -> new NotFound(NotFound.Resource.USER));
            return Reply.ok(self(me));
        });
        router.get("/users/@me/guilds", call -> {
            long userId = call.principal().userId();
            List<PartialGuild> list = guilds.guildsOf(userId).stream().map(g -> {
                long permissions = guilds.guildLevelAccess(g.id())
                        .flatMap(a -> members.access(g.id(), userId).map(m -> a.guildPermissions(m, clock.instant())))
                        .orElse(0L);
                return new PartialGuild(g.id(), g.name(), null, g.ownerId() == userId, permissions, List.of());
            }).toList();
            return Reply.ok(list);
        });
    }

    /** The caller's own user object: the public one plus the private fields Discord adds for @me. */
    public static Map<String, Object> self(UserRow me) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", Long.toString(me.id()));
        body.put("username", me.username());
        body.put("global_name", me.globalName());
        body.put("discriminator", "0");
        body.put("avatar", null);
        body.put("bot", me.bot());
        body.put("verified", true);
        body.put("mfa_enabled", false);
        body.put("flags", 0);
        body.put("premium_type", 0);
        me.email().ifPresent(e -> body.put("email", e));
        body.values().removeIf(java.util.Objects::isNull);
        return body;
    }
}
