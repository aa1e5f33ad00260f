package io.concord.api.channels;

import io.concord.api.audit.AuditReason;
import io.concord.api.dms.DmRoutes;
import io.concord.api.dms.DmService;
import io.concord.api.http.Call;
import io.concord.common.dm.DmRow;
import io.concord.api.http.Form;
import io.concord.api.http.ListBody;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.model.ChannelType;
import io.concord.common.permission.Overwrite;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * {@code /guilds/{id}/channels} (list, create, reorder), {@code /channels/{id}} (read, edit, delete)
 * and {@code /channels/{id}/permissions/{target}}.
 */
public final class ChannelRoutes {
    static final int MIN_BITRATE = 8_000;
    static final int MAX_BITRATE = 96_000;
    static final int DEFAULT_BITRATE = 64_000;
    static final int MAX_USER_LIMIT = 99;
    static final int MAX_SLOWMODE_SECONDS = 21_600;
    static final int MAX_TOPIC_LENGTH = 1024;
    static final int MAX_POSITION = 10_000;

    private ChannelRoutes() {}

    public static void register(Router router, ChannelService channels) {
        register(router, channels, null);
    }

    /** With {@code dms}: {@code /channels/{id}} of a DM or group DM is answered by the DM service. */
    public static void register(Router router, ChannelService channels, DmService dms) {
        router.get("/guilds/{guild_id}/channels", call -> Reply.ok(channels.list(call.principal().userId(), call.id("guild_id"))));
        router.post("/guilds/{guild_id}/channels", call -> {
            long guildId = call.id("guild_id");
            return Reply.created(channels.create(call.principal().userId(), guildId, newChannel(call), AuditReason.of(call)));
        });
        router.patch("/guilds/{guild_id}/channels", call -> {
            long guildId = call.id("guild_id");
            channels.reorder(call.principal().userId(), guildId, positions(call.jsonArray()), AuditReason.of(call));
            return Reply.noContent();
        });
        router.get("/channels/{channel_id}", call -> {
            long channelId = call.id("channel_id");
            var dm = dms == null ? Optional.<DmRow>empty() : dms.find(channelId);
            if (dm.isPresent()) return DmRoutes.channel(call, dms, dm.get());
            return Reply.ok(channels.get(call.principal().userId(), channelId));
        });
        router.patch("/channels/{channel_id}", call -> {
            long channelId = call.id("channel_id");
            var dm = dms == null ? Optional.<DmRow>empty() : dms.find(channelId);
            if (dm.isPresent()) return DmRoutes.edit(call, dms, dm.get());
            return Reply.ok(channels.edit(call.principal().userId(), channelId, edit(call), AuditReason.of(call)));
        });
        router.delete("/channels/{channel_id}", call -> {
            long channelId = call.id("channel_id");
            var dm = dms == null ? Optional.<DmRow>empty() : dms.find(channelId);
            if (dm.isPresent()) return DmRoutes.delete(call, dms, dm.get());
            return Reply.ok(channels.delete(call.principal().userId(), channelId, AuditReason.of(call)));
        });
        router.put("/channels/{channel_id}/permissions/{overwrite_id}", call -> {
            long channelId = call.id("channel_id");
            long targetId = call.id("overwrite_id");
            channels.putOverwrite(call.principal().userId(), channelId, overwrite(call, targetId), AuditReason.of(call));
            return Reply.noContent();
        });
        router.delete("/channels/{channel_id}/permissions/{overwrite_id}", call -> {
            long channelId = call.id("channel_id");
            channels.deleteOverwrite(call.principal().userId(), channelId, call.id("overwrite_id"), AuditReason.of(call));
            return Reply.noContent();
        });
    }

    private static NewChannel newChannel(Call call) {
        Form form = call.form();
        var name = form.name("name", 1, 100);
        int type = form.integer("type", 0, 100, ChannelType.GUILD_TEXT);
        if (!creatable(type)) form.error("type", "BASE_TYPE_CHOICES", "Value must be one of {0, 2, 4, 5}.");
        var parent = form.snowflake("parent_id", false);
        var topic = form.string("topic", 0, MAX_TOPIC_LENGTH, false);
        boolean nsfw = form.bool("nsfw", false);
        int slowmode = form.integer("rate_limit_per_user", 0, MAX_SLOWMODE_SECONDS, 0);
        int position = form.integer("position", 0, MAX_POSITION, 0);
        int bitrate = form.integer("bitrate", MIN_BITRATE, MAX_BITRATE, DEFAULT_BITRATE);
        int userLimit = form.integer("user_limit", 0, MAX_USER_LIMIT, 0);
        List<Overwrite> overwrites = OverwriteForm.overwrites(call.json().get("permission_overwrites"), form);
        form.done();
        return new NewChannel(name.get(), type, parent.isPresent() ? parent.getAsLong() : null, topic.orElse(null), nsfw, slowmode,
                position, overwrites, bitrate, userLimit);
    }

    private static boolean creatable(int type) {
        return type == ChannelType.GUILD_TEXT || type == ChannelType.GUILD_VOICE || type == ChannelType.GUILD_CATEGORY
                || type == ChannelType.GUILD_ANNOUNCEMENT;
    }

    private static ChannelEdit edit(Call call) {
        Form form = call.form();
        JsonNode body = call.json();
        Optional<String> name = form.has("name") ? form.name("name", 1, 100) : Optional.empty();
        Optional<Integer> type = optionalInt(form, "type", 0, 100);
        Optional<Integer> position = optionalInt(form, "position", 0, MAX_POSITION);
        Optional<String> topic = form.string("topic", 0, MAX_TOPIC_LENGTH, false);
        Optional<Boolean> nsfw = form.has("nsfw") ? Optional.of(form.bool("nsfw", false)) : Optional.empty();
        Optional<Integer> slowmode = optionalInt(form, "rate_limit_per_user", 0, MAX_SLOWMODE_SECONDS);
        OptionalLong parent = form.snowflake("parent_id", false);
        Optional<Integer> bitrate = optionalInt(form, "bitrate", MIN_BITRATE, MAX_BITRATE);
        Optional<Integer> userLimit = optionalInt(form, "user_limit", 0, MAX_USER_LIMIT);
        Optional<List<Overwrite>> overwrites = body.has("permission_overwrites") && !body.get("permission_overwrites").isNull()
                ? Optional.of(OverwriteForm.overwrites(body.get("permission_overwrites"), form)) : Optional.empty();
        form.done();
        return new ChannelEdit(name, type, position, topic, explicitNull(body, "topic"), nsfw, slowmode,
                parent.isPresent() ? Optional.of(parent.getAsLong()) : Optional.empty(), explicitNull(body, "parent_id"),
                bitrate, userLimit, overwrites);
    }

    private static Optional<Integer> optionalInt(Form form, String name, int min, int max) {
        if (!form.has(name)) return Optional.empty();
        int sentinel = Integer.MIN_VALUE;
        int v = form.integer(name, min, max, sentinel);
        return v == sentinel ? Optional.empty() : Optional.of(v);
    }

    private static boolean explicitNull(JsonNode body, String field) {
        return body.has(field) && body.get(field).isNull();
    }

    private static Overwrite overwrite(Call call, long targetId) {
        Form form = call.form();
        JsonNode body = call.json();
        int type = OverwriteForm.type(body.path("type"));
        if (type != Overwrite.ROLE && type != Overwrite.MEMBER) form.error("type", "BASE_TYPE_CHOICES", "Value must be one of {0, 1}.");
        OptionalLong allow = OverwriteForm.bits(body.path("allow"));
        OptionalLong deny = OverwriteForm.bits(body.path("deny"));
        if (allow.isEmpty()) form.error("allow", "NUMBER_TYPE_COERCE", "Value is not a permission bitset.");
        if (deny.isEmpty()) form.error("deny", "NUMBER_TYPE_COERCE", "Value is not a permission bitset.");
        form.done();
        return new Overwrite(targetId, type, allow.getAsLong(), deny.getAsLong());
    }

    /** Discord caps the array at the channel limit; each element names a channel once. */
    private static List<PositionEdit> positions(JsonNode array) {
        return ListBody.read(array, ChannelService.MAX_CHANNELS, "channel", (id, e, path, errors) -> {
            Optional<Integer> position = ListBody.position(e, path, MAX_POSITION, errors);
            JsonNode lock = e.path("lock_permissions");
            if (!lock.isMissingNode() && !lock.isNull() && !lock.isBoolean()) {
                errors.add(path + ".lock_permissions", "BOOLEAN_TYPE_CONVERT", "Could not interpret value as boolean.");
            }
            JsonNode parentNode = e.path("parent_id");
            boolean parentAbsent = parentNode.isMissingNode() || parentNode.isNull();
            OptionalLong parent = parentAbsent ? OptionalLong.empty() : ListBody.snowflake(parentNode);
            if (!parentAbsent && parent.isEmpty()) errors.add(path + ".parent_id", "NUMBER_TYPE_COERCE", "Value is not snowflake.");
            if (id.isEmpty()) return Optional.empty();
            return Optional.of(new PositionEdit(id.getAsLong(), position, lock.isBoolean() && lock.booleanValue(),
                    parent.isPresent() ? Optional.of(parent.getAsLong()) : Optional.empty(), parentNode.isNull()));
        });
    }
}
