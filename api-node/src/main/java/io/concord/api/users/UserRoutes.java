package io.concord.api.users;

import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.api.members.MemberViews;
import io.concord.common.error.NotFound;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.model.PartialGuild;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.time.Clock;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

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

    /**
     * The caller's own user object: the public one plus the private fields Discord adds for @me.
     * {@code global_name} and {@code avatar} are written even when null, as Discord does.
     */
    public static ObjectNode self(UserRow me) {
        ObjectNode body = MemberViews.user(me.toUser());
        body.put("bot", me.bot());
        body.put("verified", true);
        body.put("mfa_enabled", false);
        body.put("flags", 0);
        body.put("premium_type", 0);
        me.email().ifPresent(e -> body.put("email", e));
        return body;
    }
}
