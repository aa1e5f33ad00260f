package io.concord.api.guilds;

import io.concord.api.audit.AuditReason;
import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** {@code POST /guilds}, {@code GET/PATCH/DELETE /guilds/{id}}. */
public final class GuildRoutes {
    /** The locales Discord's clients offer ({@code preferred_locale}). */
    static final Set<String> LOCALES = Set.of("id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu",
            "nl", "no", "pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th", "zh-CN", "ja",
            "zh-TW", "ko");
    /** The AFK timeouts Discord accepts, in seconds. */
    static final Set<Integer> AFK_TIMEOUTS_SECONDS = Set.of(60, 300, 900, 1800, 3600);
    static final int MAX_DESCRIPTION_LENGTH = 120;

    private GuildRoutes() {}

    public static void register(Router router, GuildService guilds) {
        router.post("/guilds", call -> {
            Form form = call.form();
            var name = form.name("name", 2, 100);
            form.done();
            return Reply.created(guilds.create(call.principal().userId(), name.get()));
        });
        router.get("/guilds/{guild_id}", call -> {
            long guildId = call.id("guild_id");
            boolean withCounts = call.query("with_counts").map(v -> v.equalsIgnoreCase("true")).orElse(false);
            return Reply.ok(guilds.get(call.principal().userId(), guildId, withCounts));
        });
        router.patch("/guilds/{guild_id}", call -> {
            long guildId = call.id("guild_id");
            return Reply.ok(guilds.update(call.principal().userId(), guildId, settings(call), AuditReason.of(call)));
        });
        router.delete("/guilds/{guild_id}", call -> {
            guilds.delete(call.principal().userId(), call.id("guild_id"));
            return Reply.noContent();
        });
    }

    private static GuildSettings settings(Call call) {
        Form form = call.form();
        JsonNode body = call.json();
        Optional<String> name = form.has("name") ? form.name("name", 2, 100) : Optional.empty();
        Optional<String> description = form.string("description", 0, MAX_DESCRIPTION_LENGTH, false);
        if (form.has("icon")) form.error("icon", "IMAGE_UNSUPPORTED", "Concord stores no images; only null is accepted.");
        OptionalLong system = form.snowflake("system_channel_id", false);
        Optional<Integer> verification = optionalInt(form, "verification_level", 0, 4);
        Optional<Integer> notifications = optionalInt(form, "default_message_notifications", 0, 1);
        Optional<Integer> filter = optionalInt(form, "explicit_content_filter", 0, 2);
        Optional<String> locale = form.string("preferred_locale", 1, 10, false);
        if (locale.isPresent() && !LOCALES.contains(locale.get())) {
            form.error("preferred_locale", "LOCALE_INVALID", "Invalid locale \"" + locale.get() + "\".");
        }
        Optional<Integer> afk = optionalInt(form, "afk_timeout", 0, 3600);
        if (afk.isPresent() && !AFK_TIMEOUTS_SECONDS.contains(afk.get())) {
            form.error("afk_timeout", "BASE_TYPE_CHOICES", "Value must be one of {60, 300, 900, 1800, 3600}.");
        }
        OptionalLong owner = form.snowflake("owner_id", false);
        form.done();
        return new GuildSettings(name, description, explicitNull(body, "description"), explicitNull(body, "icon"),
                boxed(system), explicitNull(body, "system_channel_id"), verification, notifications, filter, locale, afk, boxed(owner));
    }

    private static Optional<Integer> optionalInt(Form form, String name, int min, int max) {
        if (!form.has(name)) return Optional.empty();
        int v = form.integer(name, min, max, Integer.MIN_VALUE);
        return v == Integer.MIN_VALUE ? Optional.empty() : Optional.of(v);
    }

    private static Optional<Long> boxed(OptionalLong v) {
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }

    private static boolean explicitNull(JsonNode body, String field) {
        return body.has(field) && body.get(field).isNull();
    }
}
