package io.concord.api.invites;

import io.concord.api.audit.AuditReason;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;

/**
 * {@code GET/POST /channels/{id}/invites}, {@code GET /guilds/{id}/invites}, {@code GET/POST/DELETE /invites/{code}}.
 */
public final class InviteRoutes {
    private InviteRoutes() {}

    public static void register(Router router, InviteService invites) {
        router.post("/channels/{channel_id}/invites", call -> {
            long channelId = call.id("channel_id");
            Form form = call.form();
            int maxAge = form.integer("max_age", 0, 604_800, 86_400);
            int maxUses = form.integer("max_uses", 0, 100, 0);
            boolean temporary = form.bool("temporary", false);
            form.done();
            return Reply.ok(invites.create(call.principal().userId(), channelId, maxAge, maxUses, temporary, AuditReason.of(call)));
        });
        router.get("/channels/{channel_id}/invites", call -> Reply.ok(invites.listChannel(call.principal().userId(), call.id("channel_id"))));
        router.get("/guilds/{guild_id}/invites", call -> Reply.ok(invites.listGuild(call.principal().userId(), call.id("guild_id"))));
        router.delete("/invites/{code}", call -> Reply.ok(invites.delete(call.principal().userId(), call.param("code"), AuditReason.of(call))));
        router.open("GET", "/invites/{code}", call -> Reply.ok(invites.get(call.param("code"))));
        router.post("/invites/{code}", call -> Reply.ok(invites.accept(call.principal().userId(), call.param("code"))));
    }
}
