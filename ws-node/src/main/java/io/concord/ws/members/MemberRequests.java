package io.concord.ws.members;

import io.concord.common.guild.MemberRepository;
import io.concord.common.json.Json;
import io.concord.common.model.Member;
import io.concord.ws.gateway.GatewayClose;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.presence.PresenceService;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.OffStream;
import io.concord.ws.session.Intents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Answers op 8 with GUILD_MEMBERS_CHUNKs of at most {@value #CHUNK} members. A guild the session
 * does not hold is ignored (nothing is sent), as Discord does. Asking for every member needs
 * GUILD_MEMBERS and asking for presences GUILD_PRESENCES, else the connection closes 4013 (Discord's
 * "invalid intents"). Each session may ask for a guild's whole list once per
 * {@value #WHOLE_LIST_INTERVAL_MS} ms; a request sooner gets a RATE_LIMITED dispatch instead.
 */
public final class MemberRequests {
    static final int CHUNK = 1000;
    static final long WHOLE_LIST_INTERVAL_MS = 30_000;
    private final MemberRepository members;
    private final PresenceService presences;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final OffStream offStream;

    public MemberRequests(MemberRepository members, PresenceService presences, GatewayMetrics metrics, Clock clock, OffStream offStream) {
        this.offStream = offStream;
        this.members = members;
        this.presences = presences;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @param wholeListAt when this session last asked for each guild's whole list (the caller's, per session) */
    public void handle(GatewaySession session, JsonNode d, Map<Long, Long> wholeListAt) {
        MemberRequest request = MemberRequest.parse(d);
        long guildId = request.guildId();
        if (!session.inGuild(guildId)) return;
        if (request.wholeList() && !session.intents().allows(Intents.GUILD_MEMBERS)) throw GatewayClose.invalidIntents();
        if (request.presences() && !session.intents().allows(Intents.GUILD_PRESENCES)) throw GatewayClose.invalidIntents();
        if (request.wholeList() && rateLimited(session, request, wholeListAt)) return;

        List<Member> found = find(request);
        List<String> notFound = null;
        if (!request.userIds().isEmpty()) {
            Set<Long> present = found.stream().map(m -> m.user().id()).collect(Collectors.toSet());
            notFound = request.userIds().stream().filter(id -> !present.contains(id)).map(Long::toUnsignedString).toList();
        }
        int count = Math.max(1, (found.size() + CHUNK - 1) / CHUNK);
        List<Dispatch> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<Member> part = found.subList(i * CHUNK, Math.min(found.size(), (i + 1) * CHUNK));
            MembersChunk chunk = new MembersChunk(guildId, part, i, count, i == 0 ? notFound : null,
                    request.presences() ? presencesOf(part) : null, request.nonce().orElse(null));
            chunks.add(new Dispatch("GUILD_MEMBERS_CHUNK", Json.write(chunk)));
        }
        send(session, chunks);
    }

    private List<Member> find(MemberRequest request) {
        long guildId = request.guildId();
        if (!request.userIds().isEmpty()) return members.findAll(guildId, request.userIds());
        String query = request.query().orElseThrow();
        if (!query.isEmpty()) {
            int limit = request.limit() == 0 ? MemberRequest.MAX_QUERY_LIMIT : Math.min(request.limit(), MemberRequest.MAX_QUERY_LIMIT);
            return members.search(guildId, query, limit);
        }
        // The whole list (limit 0) or its first `limit` members, read a chunk at a time. Bounded by
        // the guild's size; very large guilds are for later work.
        int wanted = request.limit() == 0 ? Integer.MAX_VALUE : request.limit();
        List<Member> all = new ArrayList<>();
        long after = 0;
        while (all.size() < wanted) {
            int n = Math.min(CHUNK, wanted - all.size());
            List<Member> page = members.list(guildId, after, n);
            all.addAll(page);
            if (page.size() < n) break;
            after = page.getLast().user().id();
        }
        return all;
    }

    private List<Object> presencesOf(List<Member> part) {
        Map<Long, String> visible = presences.visible(part.stream().map(m -> m.user().id()).toList());
        List<Object> list = new ArrayList<>(visible.size());
        visible.forEach((user, json) -> list.add(Json.parse(PresenceService.entry(user, json))));
        return list;
    }

    private boolean rateLimited(GatewaySession session, MemberRequest request, Map<Long, Long> wholeListAt) {
        long now = clock.millis();
        Long last = wholeListAt.get(request.guildId());
        if (last != null && now - last < WHOLE_LIST_INTERVAL_MS) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("guild_id", Long.toUnsignedString(request.guildId()));
            request.nonce().ifPresent(n -> meta.put("nonce", n));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("opcode", 8);
            d.put("retry_after", (WHOLE_LIST_INTERVAL_MS - (now - last)) / 1000.0);
            d.put("meta", meta);
            send(session, List.of(new Dispatch("RATE_LIMITED", Json.write(d))));
            return true;
        }
        wholeListAt.put(request.guildId(), now);
        return false;
    }

    private void send(GatewaySession session, List<Dispatch> dispatches) {
        int sent = offStream.send(session, dispatches);
        for (int i = 0; i < sent; i++) metrics.dispatched(dispatches.get(i).type());
    }
}
