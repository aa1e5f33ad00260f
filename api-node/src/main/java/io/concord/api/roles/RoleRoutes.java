package io.concord.api.roles;

import io.concord.api.audit.AuditReason;
import io.concord.api.http.ListBody;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@code /guilds/{id}/roles} and {@code /guilds/{id}/roles/{role}}. */
public final class RoleRoutes {
    private RoleRoutes() {}

    public static void register(Router router, RoleService roles) {
        router.get("/guilds/{guild_id}/roles", call -> Reply.ok(roles.list(call.principal().userId(), call.id("guild_id"))));
        router.post("/guilds/{guild_id}/roles", call -> {
            long guildId = call.id("guild_id");
            return Reply.ok(roles.create(call.principal().userId(), guildId, RoleForm.parse(call), AuditReason.of(call)));
        });
        router.patch("/guilds/{guild_id}/roles", call -> {
            long guildId = call.id("guild_id");
            return Reply.ok(roles.reorder(call.principal().userId(), guildId, moves(call.jsonArray())));
        });
        router.get("/guilds/{guild_id}/roles/{role_id}", call -> {
            long guildId = call.id("guild_id");
            return Reply.ok(roles.get(call.principal().userId(), guildId, call.id("role_id")));
        });
        router.patch("/guilds/{guild_id}/roles/{role_id}", call -> {
            long guildId = call.id("guild_id");
            long roleId = call.id("role_id");
            return Reply.ok(roles.update(call.principal().userId(), guildId, roleId, RoleForm.parse(call), AuditReason.of(call)));
        });
        router.delete("/guilds/{guild_id}/roles/{role_id}", call -> {
            long guildId = call.id("guild_id");
            roles.delete(call.principal().userId(), guildId, call.id("role_id"), AuditReason.of(call));
            return Reply.noContent();
        });
    }

    private static List<RolePositions.Move> moves(JsonNode array) {
        return ListBody.read(array, RoleService.MAX_ROLES, "role", (id, e, path, errors) -> {
            Optional<Integer> position = ListBody.position(e, path, RoleService.MAX_ROLES, errors);
            return id.isPresent() && position.isPresent()
                    ? Optional.of(new RolePositions.Move(id.getAsLong(), position.get())) : Optional.empty();
        });
    }
}
