package io.concord.api.applications;

import io.concord.common.application.ApplicationRow;
import io.concord.common.json.Json;
import io.concord.common.user.UserRow;
import tools.jackson.databind.node.ObjectNode;

/**
 * Discord's application object, with the fields JDA's ApplicationInfo reads. Built as a tree so
 * that Discord's explicit nulls ({@code icon}, {@code team}) are written rather than dropped.
 */
final class ApplicationView {
    private ApplicationView() {}

    static ObjectNode of(ApplicationRow app, UserRow owner, UserRow bot) {
        ObjectNode body = Json.object();
        body.put("id", Long.toString(app.id()));
        body.put("name", app.name());
        body.putNull("icon");
        body.put("description", app.description());
        body.put("summary", "");
        body.putNull("type");
        body.put("bot_public", app.botPublic());
        body.put("bot_require_code_grant", app.botRequireCodeGrant());
        body.put("verify_key", app.verifyKey());
        body.put("flags", app.flags());
        body.set("owner", Json.tree(owner.toUser()));
        body.putNull("team");
        body.set("bot", Json.tree(bot.toUser()));
        body.put("hook", true);
        body.putArray("redirect_uris");
        body.putArray("rpc_origins");
        body.putArray("tags");
        body.putNull("interactions_endpoint_url");
        body.putNull("role_connections_verification_url");
        body.putObject("integration_types_config");
        return body;
    }
}
