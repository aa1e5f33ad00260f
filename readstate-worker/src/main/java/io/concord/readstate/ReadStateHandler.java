package io.concord.readstate;

import io.concord.common.event.GuildEvent;
import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import io.concord.common.lease.BatchStreamHandler;
import io.concord.common.readstate.MentionStore;
import io.concord.common.readstate.ReadState;
import io.concord.common.readstate.ReadStateCache;
import io.concord.common.readstate.ReadStateRepository;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import tools.jackson.databind.JsonNode;

/**
 * Reads a guild partition for the read-state path: records the mentions of new messages (replaces
 * those of edited ones, removes those of deleted ones), moves an author's cursor past their own message, and persists the read
 * states that acks (MESSAGE_ACK, already in Redis) and own messages produced. States are coalesced
 * per (user, channel) over a read batch (the newest version wins) and written to CQL in one batch
 * per user partition in {@link #flush}; the loop acknowledges the entries only after that.
 */
final class ReadStateHandler implements BatchStreamHandler {
    private static final Logger log = LoggerFactory.getLogger(ReadStateHandler.class);
    private final MentionStore mentions;
    private final ReadStateCache cache;
    private final ReadStateRepository repository;
    private final Map<Integer, Map<List<Long>, ReadState>> pending = new ConcurrentHashMap<>();
    /** Per partition: mention writes of the current batch still in flight (a partition is one thread). */
    private final Map<Integer, List<CompletableFuture<Void>>> writes = new ConcurrentHashMap<>();
    private final Counter events;
    private final Counter updates;
    private final Counter rowsWritten;
    private final Counter batches;

    ReadStateHandler(MentionStore mentions, ReadStateCache cache, ReadStateRepository repository, PrometheusRegistry registry) {
        this.mentions = mentions;
        this.cache = cache;
        this.repository = repository;
        this.events = Counter.builder().name("readstate_events_total").help("Guild events read").labelNames("event").register(registry);
        this.updates = Counter.builder().name("readstate_updates_total").help("Read-state updates (acks and own messages) before coalescing")
                .register(registry);
        this.rowsWritten = Counter.builder().name("readstate_rows_written_total").help("Read-state rows written to CQL after coalescing")
                .register(registry);
        this.batches = Counter.builder().name("readstate_cql_batches_total").help("CQL batches (one user partition each) written")
                .register(registry);
    }

    @Override
    public void handle(int partition, StreamEntryID id, GuildEvent event) {
        switch (event.type()) {
            case "MESSAGE_CREATE" -> created(partition, event, true);
            case "MESSAGE_UPDATE" -> created(partition, event, false);
            case "MESSAGE_DELETE" -> {
                JsonNode d = parse(event);
                settle(partition);
                if (d != null) id(d.path("id")).ifPresent(m -> mentions.delete(event.channelId(), m));
            }
            case "MESSAGE_DELETE_BULK" -> {
                JsonNode d = parse(event);
                settle(partition);
                if (d != null) for (JsonNode m : d.path("ids")) id(m).ifPresent(mid -> mentions.delete(event.channelId(), mid));
            }
            case "MESSAGE_ACK" -> acked(partition, event);
            default -> {
                return;
            }
        }
        events.labelValues(event.type()).inc();
    }

    /** A new message's mentions, or an edited one's (its old mentions replaced: an edit can add or remove them). */
    private void created(int partition, GuildEvent event, boolean isNew) {
        JsonNode d = parse(event);
        if (d == null) return;
        var messageId = id(d.path("id"));
        var author = id(d.path("author").path("id"));
        if (messageId.isEmpty() || author.isEmpty()) return;
        if (!isNew) {
            if (!d.path("mentions").isArray()) return; // not a full message: mentions unchanged
            settle(partition);
            mentions.delete(event.channelId(), messageId.getAsLong());
        }
        Set<Long> users = new HashSet<>();
        for (JsonNode u : d.path("mentions")) id(u.path("id")).ifPresent(users::add);
        List<Long> roles = new ArrayList<>();
        for (JsonNode r : d.path("mention_roles")) id(r).ifPresent(roles::add);
        // Every DM message (guild 0) counts for each recipient but its author: one broadcast row, as @everyone.
        boolean everyone = d.path("mention_everyone").asBoolean(false) || event.guildId() == 0;
        writes.computeIfAbsent(partition, p -> new ArrayList<>())
                .add(mentions.recordAsync(event.channelId(), messageId.getAsLong(), author.getAsLong(), users, everyone, roles));
        if (!isNew) return;
        // Posting a message acks it for its author.
        buffer(partition, cache.advance(author.getAsLong(), event.guildId(), event.channelId(), messageId.getAsLong()));
    }

    private void acked(int partition, GuildEvent event) {
        JsonNode d = parse(event);
        if (d == null || event.userIds().isEmpty()) return;
        long cursor = id(d.path("message_id")).orElse(0);
        boolean manual = d.path("manual").asBoolean(false);
        int base = manual ? d.path("mention_count").asInt(0) : 0;
        long version = d.path("version").asLong(0);
        buffer(partition, new ReadState(event.userIds().getFirst(), event.guildId(), event.channelId(), cursor, base, 0, version));
    }

    private void buffer(int partition, ReadState s) {
        updates.inc();
        pending.computeIfAbsent(partition, p -> new ConcurrentHashMap<>())
                .merge(List.of(s.userId(), s.channelId()), s, (a, b) -> b.version() > a.version() ? b : a);
    }

    /**
     * Waits for the partition's mention writes in flight. Before a delete (which reads what a create
     * wrote) and before the batch is acknowledged; a failed write fails the batch, which is retried.
     */
    private void settle(int partition) {
        List<CompletableFuture<Void>> inFlight = writes.remove(partition);
        if (inFlight == null) return;
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public void flush(int partition) {
        settle(partition);
        Map<List<Long>, ReadState> states = pending.remove(partition);
        if (states == null || states.isEmpty()) return;
        try {
            batches.inc(repository.saveAll(states.values()));
        } catch (RuntimeException e) {
            // Kept for the retry: the loop re-reads the same entries from its pending list.
            pending.merge(partition, states, (now, old) -> {
                old.forEach((k, v) -> now.merge(k, v, (a, b) -> b.version() > a.version() ? b : a));
                return now;
            });
            throw e;
        }
        rowsWritten.inc(states.size());
        states.values().stream().map(ReadState::userId).distinct().forEach(cache::expireLater);
    }

    private static JsonNode parse(GuildEvent event) {
        try {
            return Json.parse(event.payload());
        } catch (Json.MalformedJson e) {
            log.warn("unreadable {} payload skipped", event.type());
            return null;
        }
    }

    private static java.util.OptionalLong id(JsonNode n) {
        return n != null && n.isString() ? Snowflakes.parse(n.stringValue()) : java.util.OptionalLong.empty();
    }
}
