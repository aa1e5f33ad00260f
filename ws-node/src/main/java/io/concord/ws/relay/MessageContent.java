package io.concord.ws.relay;

import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.Intents;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MESSAGE_CONTENT intent for one MESSAGE_CREATE or MESSAGE_UPDATE: a session that declared
 * intents without it gets {@code content}, {@code embeds}, {@code attachments} and
 * {@code components} emptied and no {@code poll}, except for its own messages, messages mentioning
 * it and DMs. The payload is parsed and the blanked variant encoded at most once per event, and only
 * when some session needs it.
 */
final class MessageContent {
    private static final String[] EMPTIED = {"embeds", "attachments", "components"};
    private final Dispatch full;
    private long authorId;
    private Set<Long> mentioned;
    private boolean dm;
    private Dispatch blanked;

    private MessageContent(Dispatch full) {
        this.full = full;
    }

    static boolean applies(String type) {
        return type.equals("MESSAGE_CREATE") || type.equals("MESSAGE_UPDATE");
    }

    static MessageContent of(Dispatch full) {
        return new MessageContent(full);
    }

    /** The dispatch this session may read. */
    Dispatch forSession(GatewaySession s) {
        return forSession(s.intents(), s.userId());
    }

    /** The dispatch a session of {@code userId} with these intents may read. */
    Dispatch forSession(Intents intents, long userId) {
        if (intents.readsMessageContent()) return full;
        if (blanked == null) parse();
        if (dm || authorId == userId || mentioned.contains(userId)) return full;
        return blanked;
    }

    private void parse() {
        JsonNode d;
        try {
            d = Json.parse(full.payload());
        } catch (Json.MalformedJson e) {
            d = Json.object();
        }
        JsonNode guild = d.path("guild_id");
        dm = guild.isMissingNode() || guild.isNull();
        authorId = id(d.path("author").path("id")).orElse(0);
        mentioned = new HashSet<>();
        for (JsonNode m : d.path("mentions")) id(m.path("id")).ifPresent(mentioned::add);
        if (d instanceof ObjectNode o) {
            blank(o);
            if (o.path("referenced_message") instanceof ObjectNode ref) blank(ref);
            for (JsonNode snapshot : o.path("message_snapshots")) {
                if (snapshot.path("message") instanceof ObjectNode m) blank(m);
            }
        }
        blanked = new Dispatch(full.type(), Json.write(d));
    }

    private static void blank(ObjectNode message) {
        message.put("content", "");
        for (String field : EMPTIED) message.putArray(field);
        message.remove("poll");
    }

    private static OptionalLong id(JsonNode node) {
        return node.isString() ? Snowflakes.parse(node.stringValue()) : OptionalLong.empty();
    }
}
