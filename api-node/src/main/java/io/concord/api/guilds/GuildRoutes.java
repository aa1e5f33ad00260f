package io.concord.api.guilds;

import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.model.ChannelType;
import io.concord.common.permission.Overwrite;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** {@code /guilds}, {@code /guilds/{id}}, {@code /guilds/{id}/channels}. */
public final class GuildRoutes {
    private static final int MAX_OVERWRITES = 100;

    private GuildRoutes() {}

    public static void register(Router router, GuildService guilds) {
        router.post("/guilds", call -> {
            Form form = call.form();
            var name = form.name("name", 2, 100);
            form.done();
            return Reply.created(guilds.create(call.principal().userId(), name.get()));
        });
        router.get("/guilds/{guild_id}", call -> Reply.ok(guilds.get(call.principal().userId(), call.id("guild_id"))));
        router.get("/guilds/{guild_id}/channels", call -> Reply.ok(guilds.channels(call.principal().userId(), call.id("guild_id"))));
        router.post("/guilds/{guild_id}/channels", call -> {
            long guildId = call.id("guild_id");
            return Reply.created(guilds.createChannel(call.principal().userId(), guildId, newChannel(call)));
        });
    }

    private static GuildService.NewChannel newChannel(Call call) {
        Form form = call.form();
        var name = form.name("name", 1, 100);
        int type = form.integer("type", 0, 100, ChannelType.GUILD_TEXT);
        if (type != ChannelType.GUILD_TEXT && type != ChannelType.GUILD_CATEGORY) {
            form.error("type", "BASE_TYPE_CHOICES", "Value must be one of {0, 4}.");
        }
        var parent = form.snowflake("parent_id", false);
        var topic = form.string("topic", 0, 1024, false);
        boolean nsfw = form.bool("nsfw", false);
        int slowmode = form.integer("rate_limit_per_user", 0, 21600, 0);
        int position = form.integer("position", 0, 10_000, 0);
        List<Overwrite> overwrites = overwrites(call.json().get("permission_overwrites"), form);
        form.done();
        return new GuildService.NewChannel(name.get(), type, parent.isPresent() ? parent.getAsLong() : null,
                topic.orElse(null), nsfw, slowmode, position, overwrites);
    }

    static List<Overwrite> overwrites(JsonNode array, Form form) {
        List<Overwrite> list = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        if (array == null || array.isNull()) return list;
        if (!array.isArray()) {
            form.error("permission_overwrites", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
            return list;
        }
        if (array.size() > MAX_OVERWRITES) {
            form.error("permission_overwrites", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_OVERWRITES + " or fewer in length.");
            return list;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode ow = array.get(i);
            String path = "permission_overwrites." + i;
            var id = ow.isObject() ? io.concord.common.id.Snowflakes.parse(ow.path("id").asString("")) : java.util.OptionalLong.empty();
            int type = ow.path("type").asInt(-1);
            var allow = bits(ow.path("allow"));
            var deny = bits(ow.path("deny"));
            if (id.isEmpty()) form.error(path + ".id", "NUMBER_TYPE_COERCE", "Value is not snowflake.");
            if (type != Overwrite.ROLE && type != Overwrite.MEMBER) form.error(path + ".type", "BASE_TYPE_CHOICES", "Value must be one of {0, 1}.");
            if (allow.isEmpty()) form.error(path + ".allow", "NUMBER_TYPE_COERCE", "Value is not a permission bitset.");
            if (deny.isEmpty()) form.error(path + ".deny", "NUMBER_TYPE_COERCE", "Value is not a permission bitset.");
            if (id.isPresent() && !seen.add(id.getAsLong())) {
                form.error(path + ".id", "DUPLICATE_OVERWRITE", "Only one overwrite per role or member.");
                continue;
            }
            if (id.isPresent() && allow.isPresent() && deny.isPresent() && (type == 0 || type == 1)) {
                list.add(new Overwrite(id.getAsLong(), type, allow.getAsLong(), deny.getAsLong()));
            }
        }
        return list;
    }

    /** A permission bitset as an unsigned decimal string or a number; absent means 0. */
    static java.util.OptionalLong bits(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return java.util.OptionalLong.of(0);
        String s = n.isString() ? n.stringValue() : n.isIntegralNumber() ? n.asString() : "x";
        try {
            return java.util.OptionalLong.of(Long.parseUnsignedLong(s));
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }
}
