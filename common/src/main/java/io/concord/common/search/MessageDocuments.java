package io.concord.common.search;

import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import io.concord.common.message.StoredMessage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Meilisearch document per message (see docs/design/search.md for the schema). Ids are strings
 * (Meilisearch numbers are doubles, which cannot hold a snowflake); {@code timestamp} (ms) and
 * {@code id_low} (the snowflake's low 22 bits) are numbers that together order and bound ids exactly.
 * What {@code has:} matches is kept per source ({@code has_content}, {@code has_attachments},
 * {@code has_embeds}, {@code has_extras}) so that a partial edit replaces only what it carries.
 */
public final class MessageDocuments {
    private static final Pattern LINK = Pattern.compile("(?i)\\bhttps?://[^\\s<>]+");
    private static final long LOW_BITS = (1L << 22) - 1;

    private MessageDocuments() {}

    /** Whether a MESSAGE_UPDATE payload is a whole message (Concord sends those) rather than Discord's partial form. */
    public static boolean isFull(JsonNode d) {
        return d.path("author").isObject() && d.path("channel_id").isString();
    }

    /** The document of a whole message payload (MESSAGE_CREATE, full MESSAGE_UPDATE); empty when its ids are unreadable. */
    public static Optional<ObjectNode> full(JsonNode d, long guildId) {
        OptionalLong id = id(d.path("id"));
        OptionalLong channel = id(d.path("channel_id"));
        OptionalLong author = id(d.path("author").path("id"));
        if (id.isEmpty() || channel.isEmpty() || author.isEmpty()) return Optional.empty();
        String type = d.hasNonNull("webhook_id") ? "webhook" : d.path("author").path("bot").asBoolean(false) ? "bot" : "user";
        ObjectNode doc = base(id.getAsLong(), guildId, channel.getAsLong(), author.getAsLong(), type);
        ArrayNode mentions = doc.putArray("mentions");
        for (JsonNode u : d.path("mentions")) id(u.path("id")).ifPresent(m -> mentions.add(Long.toString(m)));
        ArrayNode roles = doc.putArray("mention_roles");
        for (JsonNode r : d.path("mention_roles")) id(r).ifPresent(m -> roles.add(Long.toString(m)));
        doc.put("mention_everyone", d.path("mention_everyone").asBoolean(false));
        doc.put("pinned", d.path("pinned").asBoolean(false));
        content(doc, d.path("content").asString(""));
        doc.set("has_attachments", strings(attachmentKinds(d.path("attachments"))));
        doc.set("has_embeds", strings(embedKinds(d.path("embeds"))));
        Set<String> extras = new LinkedHashSet<>();
        if (!d.path("sticker_items").isEmpty() || !d.path("stickers").isEmpty()) extras.add("sticker");
        if (d.path("poll").isObject()) extras.add("poll");
        doc.set("has_extras", strings(extras));
        return Optional.of(doc);
    }

    /**
     * The fields a partial MESSAGE_UPDATE carries, as a Meilisearch partial update (only those change):
     * content, embeds, attachments, pinned, and the mentions when present. Empty without a readable id.
     */
    public static Optional<ObjectNode> partial(JsonNode d) {
        OptionalLong id = id(d.path("id"));
        if (id.isEmpty()) return Optional.empty();
        ObjectNode doc = Json.object().put("id", Long.toString(id.getAsLong()));
        if (d.path("content").isString()) content(doc, d.path("content").stringValue());
        if (d.path("embeds").isArray()) doc.set("has_embeds", strings(embedKinds(d.path("embeds"))));
        if (d.path("attachments").isArray()) doc.set("has_attachments", strings(attachmentKinds(d.path("attachments"))));
        if (d.path("pinned").isBoolean()) doc.put("pinned", d.path("pinned").booleanValue());
        if (d.path("mention_everyone").isBoolean()) doc.put("mention_everyone", d.path("mention_everyone").booleanValue());
        if (d.path("mentions").isArray()) {
            ArrayNode mentions = doc.putArray("mentions");
            for (JsonNode u : d.path("mentions")) id(u.path("id")).ifPresent(m -> mentions.add(Long.toString(m)));
        }
        if (d.path("mention_roles").isArray()) {
            ArrayNode roles = doc.putArray("mention_roles");
            for (JsonNode r : d.path("mention_roles")) id(r).ifPresent(m -> roles.add(Long.toString(m)));
        }
        return Optional.of(doc);
    }

    /** The document of a stored row (reindex); the store keeps no attachments, embeds, stickers or polls. */
    public static ObjectNode of(StoredMessage m, String authorType) {
        ObjectNode doc = base(m.id(), m.guildId(), m.channelId(), m.authorId(), authorType);
        ArrayNode mentions = doc.putArray("mentions");
        m.mentions().forEach(u -> mentions.add(Long.toString(u)));
        ArrayNode roles = doc.putArray("mention_roles");
        m.mentionRoles().forEach(r -> roles.add(Long.toString(r)));
        doc.put("mention_everyone", m.mentionEveryone());
        doc.put("pinned", m.pinned());
        content(doc, m.content());
        doc.putArray("has_attachments");
        doc.putArray("has_embeds");
        doc.putArray("has_extras");
        return doc;
    }

    /** The snowflake's low 22 bits (worker, process, increment): exact as a Meilisearch number. */
    public static long idLow(long id) {
        return id & LOW_BITS;
    }

    private static ObjectNode base(long id, long guildId, long channelId, long authorId, String authorType) {
        return Json.object()
                .put("id", Long.toString(id))
                .put("guild_id", Long.toString(guildId))
                .put("channel_id", Long.toString(channelId))
                .put("author_id", Long.toString(authorId))
                .put("author_type", authorType)
                .put("timestamp", Snowflakes.timestampMs(id))
                .put("id_low", idLow(id));
    }

    private static void content(ObjectNode doc, String content) {
        doc.put("content", content);
        doc.set("has_content", strings(LINK.matcher(content).find() ? Set.of("link") : Set.of()));
    }

    static Set<String> attachmentKinds(JsonNode attachments) {
        Set<String> kinds = new LinkedHashSet<>();
        for (JsonNode a : attachments) {
            kinds.add("file");
            String type = a.path("content_type").asString("").toLowerCase(Locale.ROOT);
            String name = a.path("filename").asString("").toLowerCase(Locale.ROOT);
            if (type.startsWith("image/") || name.matches(".*\\.(png|jpe?g|gif|webp|avif|bmp)$")) kinds.add("image");
            else if (type.startsWith("video/") || name.matches(".*\\.(mp4|webm|mov|mkv)$")) kinds.add("video");
            else if (type.startsWith("audio/") || name.matches(".*\\.(mp3|ogg|wav|flac|m4a|opus)$")) kinds.add("sound");
        }
        return kinds;
    }

    static Set<String> embedKinds(JsonNode embeds) {
        Set<String> kinds = new LinkedHashSet<>();
        for (JsonNode e : embeds) {
            kinds.add("embed");
            String type = e.path("type").asString("rich");
            if (type.equals("image") || type.equals("gifv") || e.path("image").isObject()) kinds.add("image");
            if (type.equals("video") || e.path("video").isObject()) kinds.add("video");
        }
        return kinds;
    }

    private static ArrayNode strings(Set<String> values) {
        ArrayNode a = Json.mapper().createArrayNode();
        List.copyOf(values).forEach(a::add);
        return a;
    }

    private static OptionalLong id(JsonNode n) {
        return n != null && n.isString() ? Snowflakes.parse(n.stringValue()) : OptionalLong.empty();
    }
}
