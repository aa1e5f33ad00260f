package io.concord.api.roles;

import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.error.FieldErrors;
import io.concord.common.id.Snowflakes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** {@code /guilds/{id}/roles} and {@code /guilds/{id}/roles/{role}}. */
public final class RoleRoutes {
    private RoleRoutes() {}

    public static void register(Router router, RoleService roles) {
        router.get("/guilds/{guild_id}/roles", call -> Reply.ok(roles.list(call.principal().userId(), call.id("guild_id"))));
        router.post("/guilds/{guild_id}/roles", call -> {
            long guildId = call.id("guild_id");
            return Reply.ok(roles.create(call.principal().userId(), guildId, RoleForm.parse(call)));
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
            return Reply.ok(roles.update(call.principal().userId(), guildId, roleId, RoleForm.parse(call)));
        });
        router.delete("/guilds/{guild_id}/roles/{role_id}", call -> {
            long guildId = call.id("guild_id");
            roles.delete(call.principal().userId(), guildId, call.id("role_id"));
            return Reply.noContent();
        });
    }

    private static List<RolePositions.Move> moves(JsonNode array) {
        FieldErrors errors = new FieldErrors();
        if (array.size() > RoleService.MAX_ROLES) {
            errors.add("", "BASE_TYPE_MAX_LENGTH", "Must be " + RoleService.MAX_ROLES + " or fewer in length.").throwIfAny();
        }
        List<RolePositions.Move> moves = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            String path = Integer.toString(i);
            if (!e.isObject()) {
                errors.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
                continue;
            }
            JsonNode idNode = e.path("id");
            OptionalLong id = idNode.isString() ? Snowflakes.parse(idNode.stringValue())
                    : idNode.isIntegralNumber() ? Snowflakes.parse(idNode.asString()) : OptionalLong.empty();
            if (id.isEmpty()) errors.add(path + ".id", "NUMBER_TYPE_COERCE", "Value is not snowflake.");
            else if (!seen.add(id.getAsLong())) errors.add(path + ".id", "DUPLICATE_ID", "Each role may appear only once.");
            JsonNode p = e.path("position");
            boolean validPosition = p.isIntegralNumber() && p.canConvertToInt() && p.asInt() >= 0 && p.asInt() <= RoleService.MAX_ROLES;
            if (!validPosition && !p.isMissingNode() && !p.isNull()) {
                errors.add(path + ".position", "NUMBER_TYPE_COERCE", "Value is not a valid position.");
            }
            if (id.isPresent() && validPosition) moves.add(new RolePositions.Move(id.getAsLong(), p.asInt()));
        }
        errors.throwIfAny();
        return moves;
    }
}
