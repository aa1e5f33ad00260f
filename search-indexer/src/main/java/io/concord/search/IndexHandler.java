package io.concord.search;

import io.concord.common.event.GuildEvent;
import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import io.concord.common.lease.BatchStreamHandler;
import io.concord.common.search.IndexProgress;
import io.concord.common.search.MessageDocuments;
import io.concord.common.search.MessageIndex;
import io.concord.common.search.SearchConfig;
import io.concord.common.search.SearchFilters;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import tools.jackson.databind.JsonNode;

/**
 * Turns a guild partition's events into index writes: messages created, edited (whole or partial
 * payloads), deleted one by one or in bulk, and everything of a deleted channel or guild. A batch is
 * written in {@link #flush}; only when Meilisearch reports its tasks succeeded does the partition's
 * indexed position move and the loop acknowledge the entries. A crash in between re-indexes the
 * batch, which is harmless: documents are keyed by message id.
 */
final class IndexHandler implements BatchStreamHandler {
    private static final Logger log = LoggerFactory.getLogger(IndexHandler.class);
    private final MessageIndex index;
    private final IndexProgress progress;
    private final SearchConfig config;
    /** Applies the index settings if Meilisearch could not be reached at start. */
    private final Runnable beforeWrite;
    /** Per partition (each partition is one thread): the batch being read and its last entry. */
    private final Map<Integer, IndexBatch> batches = new ConcurrentHashMap<>();
    private final Map<Integer, StreamEntryID> last = new ConcurrentHashMap<>();
    private final Counter events;
    private final Counter documents;
    private final Histogram flushSeconds;

    IndexHandler(MessageIndex index, IndexProgress progress, SearchConfig config, PrometheusRegistry registry, Runnable beforeWrite) {
        this.beforeWrite = beforeWrite;
        this.index = index;
        this.progress = progress;
        this.config = config;
        this.events = Counter.builder().name("search_events_total").help("Guild events turned into index writes").labelNames("event")
                .register(registry);
        this.documents = Counter.builder().name("search_documents_written_total")
                .help("Documents added, updated or deleted in Meilisearch (after their task succeeded)").register(registry);
        this.flushSeconds = Histogram.builder().name("search_batch_duration_seconds")
                .help("From enqueuing a batch's Meilisearch tasks until they succeeded").register(registry);
    }

    @Override
    public int batchSize() {
        return config.batchSize();
    }

    @Override
    public Duration batchLatency() {
        return config.batchLatency();
    }

    @Override
    public void handle(int partition, StreamEntryID id, GuildEvent event) {
        last.put(partition, id);
        List<IndexBatch.Op> ops = ops(event);
        if (ops.isEmpty()) return;
        IndexBatch batch = batches.computeIfAbsent(partition, p -> new IndexBatch());
        ops.forEach(batch::add);
        events.labelValues(event.type()).inc();
    }

    /** The writes an event calls for; none for events the index does not follow. */
    private static List<IndexBatch.Op> ops(GuildEvent event) {
        switch (event.type()) {
            case "MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE", "MESSAGE_DELETE_BULK", "CHANNEL_DELETE", "GUILD_DELETE" -> { }
            default -> {
                return List.of();
            }
        }
        JsonNode d = parse(event);
        if (d == null) return List.of();
        List<IndexBatch.Op> ops = new ArrayList<>();
        switch (event.type()) {
            case "MESSAGE_CREATE" -> MessageDocuments.full(d, event.guildId()).ifPresent(doc -> ops.add(new IndexBatch.Replace(doc)));
            case "MESSAGE_UPDATE" -> {
                if (MessageDocuments.isFull(d)) {
                    MessageDocuments.full(d, event.guildId()).ifPresent(doc -> ops.add(new IndexBatch.Replace(doc)));
                } else {
                    MessageDocuments.partial(d).ifPresent(doc -> ops.add(new IndexBatch.Update(doc)));
                }
            }
            case "MESSAGE_DELETE" -> id(d.path("id")).ifPresent(m -> ops.add(new IndexBatch.Delete(m)));
            case "MESSAGE_DELETE_BULK" -> d.path("ids").forEach(m -> id(m).ifPresent(mid -> ops.add(new IndexBatch.Delete(mid))));
            // A guild channel deleted for everyone. A DM's CHANNEL_DELETE (guild 0) only closes or leaves
            // it for the users it names: its history stays, and so do its documents.
            case "CHANNEL_DELETE" -> {
                if (event.guildId() != 0 && event.userIds().isEmpty() && event.channelId() != 0) {
                    ops.add(new IndexBatch.DeleteWhere(SearchFilters.is("channel_id", Long.toUnsignedString(event.channelId()))));
                }
            }
            // Only the deletion of the guild itself (to everyone, not "unavailable"); a GUILD_DELETE naming
            // users tells them they left or were removed.
            case "GUILD_DELETE" -> {
                if (event.guildId() != 0 && event.userIds().isEmpty() && !d.path("unavailable").asBoolean(false)) {
                    ops.add(new IndexBatch.DeleteWhere(SearchFilters.is("guild_id", Long.toUnsignedString(event.guildId()))));
                }
            }
            default -> { }
        }
        return ops;
    }

    private static Optional<String> id(JsonNode n) {
        return n.isString() && Snowflakes.parse(n.stringValue()).isPresent() ? Optional.of(n.stringValue()) : Optional.empty();
    }

    @Override
    public void flush(int partition) {
        // Taken out first: on failure the loop re-reads the same entries from its pending list and
        // handles them again, which rebuilds the batch.
        IndexBatch batch = batches.remove(partition);
        StreamEntryID upTo = last.remove(partition);
        if (batch != null && !batch.isEmpty()) {
            beforeWrite.run();
            long start = System.nanoTime();
            documents.inc(batch.apply(index));
            flushSeconds.observe((System.nanoTime() - start) / 1e9);
        }
        if (upTo != null) progress.markIndexed(partition, upTo);
    }

    private static JsonNode parse(GuildEvent event) {
        try {
            return Json.parse(event.payload());
        } catch (Json.MalformedJson e) {
            log.warn("unreadable {} payload skipped", event.type());
            return null;
        }
    }
}
