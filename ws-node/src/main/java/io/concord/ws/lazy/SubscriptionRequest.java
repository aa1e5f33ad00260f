package io.concord.ws.lazy;

import io.concord.ws.gateway.ClientIds;
import io.concord.ws.gateway.GatewayClose;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * One guild's part of an op 14 GUILD_SUBSCRIPTIONS ({@code {guild_id, channels?, typing?, threads?,
 * activities?, members?, member_updates?, thread_member_lists?}}) or of an op 37 bulk request
 * ({@code {subscriptions: {guild_id: {the same without guild_id}}}}), validated. {@code channels}
 * maps channel ids to ranges {@code [[from, to], ...]}; absent leaves the guild's channel
 * subscriptions as they are, present replaces them (an empty object unsubscribes every channel).
 * Anything malformed or past the bounds is a decode error (4002).
 */
record SubscriptionRequest(long guildId, Optional<Map<Long, List<Range>>> channels) {
    static final int MAX_GUILDS = 100;
    static final int MAX_CHANNELS = 10;
    static final int MAX_RANGES = 5;
    static final int MAX_MEMBERS = 100;
    static final int OP_SUBSCRIPTIONS = 14;
    static final int OP_SUBSCRIPTIONS_BULK = 37;

    static List<SubscriptionRequest> parse(int op, JsonNode d) {
        if (d == null || !d.isObject()) throw GatewayClose.decodeError("Invalid guild subscriptions");
        if (op == OP_SUBSCRIPTIONS) {
            long guildId = ClientIds.parse(d.get("guild_id")).orElseThrow(() -> GatewayClose.decodeError("Invalid guild_id"));
            return List.of(guild(guildId, d));
        }
        JsonNode subs = d.get("subscriptions");
        if (subs == null || !subs.isObject() || subs.size() > MAX_GUILDS) throw GatewayClose.decodeError("Invalid subscriptions");
        List<SubscriptionRequest> out = new ArrayList<>();
        for (var e : subs.properties()) {
            long guildId = id(e.getKey(), "Invalid guild id");
            if (!e.getValue().isObject()) throw GatewayClose.decodeError("Invalid subscription");
            out.add(guild(guildId, e.getValue()));
        }
        return out;
    }

    private static SubscriptionRequest guild(long guildId, JsonNode d) {
        for (String flag : List.of("typing", "threads", "activities", "member_updates")) {
            JsonNode v = d.get(flag);
            if (v != null && !v.isNull() && !v.isBoolean()) throw GatewayClose.decodeError("Invalid " + flag);
        }
        JsonNode members = d.get("members");
        if (members != null && !members.isNull()) {
            if (!members.isArray() || members.size() > MAX_MEMBERS) throw GatewayClose.decodeError("Invalid members");
            for (JsonNode m : members) ClientIds.parse(m).orElseThrow(() -> GatewayClose.decodeError("Invalid members"));
        }
        JsonNode threadLists = d.get("thread_member_lists");
        if (threadLists != null && !threadLists.isNull() && (!threadLists.isArray() || threadLists.size() > MAX_CHANNELS)) {
            throw GatewayClose.decodeError("Invalid thread_member_lists");
        }
        JsonNode channels = d.get("channels");
        if (channels == null || channels.isNull()) return new SubscriptionRequest(guildId, Optional.empty());
        if (!channels.isObject() || channels.size() > MAX_CHANNELS) throw GatewayClose.decodeError("Invalid channels");
        Map<Long, List<Range>> out = new LinkedHashMap<>();
        for (var e : channels.properties()) out.put(id(e.getKey(), "Invalid channel id"), ranges(e.getValue()));
        return new SubscriptionRequest(guildId, Optional.of(out));
    }

    /** At most {@value #MAX_RANGES} pairs {@code [from, to]}, 0 <= from <= to, at most 100 indexes each; sorted, repeats dropped. */
    private static List<Range> ranges(JsonNode node) {
        if (!node.isArray() || node.size() > MAX_RANGES) throw GatewayClose.decodeError("Invalid ranges");
        TreeSet<Range> ranges = new TreeSet<>();
        for (JsonNode pair : node) {
            if (!pair.isArray() || pair.size() != 2 || !isInt(pair.get(0)) || !isInt(pair.get(1))) throw GatewayClose.decodeError("Invalid range");
            int from = pair.get(0).intValue();
            int to = pair.get(1).intValue();
            if (from < 0 || to < from || to - from >= Range.MAX_SIZE) throw GatewayClose.decodeError("Invalid range");
            ranges.add(new Range(from, to));
        }
        return List.copyOf(ranges);
    }

    private static boolean isInt(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToInt();
    }

    private static long id(String text, String error) {
        return io.concord.common.id.Snowflakes.parse(text).orElseThrow(() -> GatewayClose.decodeError(error));
    }
}
