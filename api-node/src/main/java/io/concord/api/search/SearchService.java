package io.concord.api.search;

import io.concord.api.access.AccessService;
import io.concord.api.access.ChannelContext;
import io.concord.api.access.GuildContext;
import io.concord.api.messages.ContentAccess;
import io.concord.api.messages.MessageViews;
import io.concord.common.error.MissingAccess;
import io.concord.common.error.ServiceUnavailable;
import io.concord.common.event.EventStreams;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.json.Json;
import io.concord.common.message.MessageRepository;
import io.concord.common.message.StoredMessage;
import io.concord.common.model.Channel;
import io.concord.common.model.Message;
import io.concord.common.permission.Permission;
import io.concord.common.search.IndexProgress;
import io.concord.common.search.MeiliException;
import io.concord.common.search.MessageIndex;
import io.concord.common.search.MessageQuery;
import io.concord.common.search.SearchConfig;
import io.concord.common.search.SearchFilters;
import io.concord.common.user.UserRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Message search: the caller's readable channels (VIEW_CHANNEL and READ_MESSAGE_HISTORY) are computed
 * once per query from the guild's channels and overwrites and become a filter of the one Meilisearch
 * query, so nothing of a channel the caller cannot read is ever counted or returned. Hits are then
 * read from the message store and rendered as history is, so they are current; a hit whose message
 * is gone is dropped.
 */
public final class SearchService {
    private static final Logger log = LoggerFactory.getLogger(SearchService.class);
    static final long READ = Permission.VIEW_CHANNEL | Permission.READ_MESSAGE_HISTORY;
    private final AccessService access;
    private final ChannelRepository channels;
    private final MessageRepository messages;
    private final MessageViews views;
    private final UserRepository users;
    private final ContentAccess contentAccess;
    private final MessageIndex index;
    private final IndexProgress progress;
    private final EventStreams streams;
    private final SearchConfig config;
    private final Clock clock;

    public SearchService(AccessService access, ChannelRepository channels, MessageRepository messages, MessageViews views, UserRepository users,
                         ContentAccess contentAccess, MessageIndex index, IndexProgress progress, EventStreams streams, SearchConfig config,
                         Clock clock) {
        this.access = access;
        this.channels = channels;
        this.messages = messages;
        this.views = views;
        this.users = users;
        this.contentAccess = contentAccess;
        this.index = index;
        this.progress = progress;
        this.streams = streams;
        this.config = config;
        this.clock = clock;
    }

    /** What a search answers: 200 with results, or 202 while the index is catching up. */
    public record Answer(int status, Object body) {}

    record Results(long totalResults, List<List<ObjectNode>> messages, boolean doingDeepHistoricalIndex) {}

    record NotYetIndexed(String message, int code, long documentsIndexed, int retryAfter) {}

    /** {@code GET /guilds/{g}/messages/search}. */
    public Answer guild(long userId, long guildId, SearchParams p) {
        GuildContext ctx = access.guild(userId, guildId);
        requireContentAccess(userId);
        Set<Long> readable = new LinkedHashSet<>();
        List<Channel> all = channels.inGuild(guildId);
        for (Channel c : all) {
            if (Permission.hasAll(access.permissionsIn(ctx, c), READ)) readable.add(c.id());
        }
        boolean everyChannel = readable.size() == all.size() && p.channelIds().isEmpty();
        // A channel filter narrows the readable set; channels the caller cannot read drop out silently.
        if (!p.channelIds().isEmpty()) readable.retainAll(Set.copyOf(p.channelIds()));
        return search(userId, guildId, streams.partition(guildId), readable, everyChannel, p);
    }

    /**
     * {@code GET /channels/{c}/messages/search}: a DM or group DM, for its recipients. A guild channel
     * is searched as the guild search restricted to it (403 when the caller cannot view it).
     */
    public Answer channel(long userId, long channelId, SearchParams p) {
        ChannelContext ctx = access.channel(userId, channelId);
        if (!ctx.dm()) {
            if (!Permission.hasAll(ctx.permissions(), READ)) throw new MissingAccess();
            requireContentAccess(userId);
            return search(userId, ctx.guildId(), streams.partition(ctx.guildId()), Set.of(channelId), false, p);
        }
        // A bot sees DM content without MESSAGE_CONTENT, as on Discord.
        return search(userId, 0, streams.partition(0), Set.of(channelId), false, p);
    }

    /**
     * A bot without the MESSAGE_CONTENT intent may not search a guild (discord-api.md: the route "is
     * gated by the MESSAGE_CONTENT intent"): 403 Missing Access, rather than results whose content it
     * could not see.
     */
    private void requireContentAccess(long userId) {
        users.byId(userId).filter(u -> u.bot() && !contentAccess.readsContent(u)).ifPresent(u -> {
            throw new MissingAccess();
        });
    }

    private Answer search(long userId, long guildId, int partition, Set<Long> readable, boolean everyChannel, SearchParams p) {
        try {
            if (catchingUp(guildId, partition)) return notYet(guildId);
            if (readable.isEmpty()) return new Answer(200, new Results(0, List.of(), false));
            List<String> filters = SearchFilterBuilder.filters(guildId, readable, everyChannel, p);
            MessageIndex.Result result = index.search(new MessageQuery(p.content(), filters, p.order(), p.offset(), p.limit()));
            return new Answer(200, new Results(result.total(), render(result.hits(), readable, userId), false));
        } catch (MeiliException e) {
            if ("index_not_found".equals(e.code())) return notYet(guildId);
            log.warn("search failed: {}", e.getMessage());
            throw new ServiceUnavailable("Search is temporarily unavailable, try again");
        }
    }

    /** The guild is being reindexed, or the partition has an entry that has waited longer than the allowed lag. */
    private boolean catchingUp(long guildId, int partition) {
        if (progress.reindexing(guildId)) return true;
        OptionalLong waiting = progress.waitingMs(partition, clock.millis());
        return waiting.isPresent() && waiting.getAsLong() > config.maxLag().toMillis();
    }

    private Answer notYet(long guildId) {
        long indexed = index.count(List.of(SearchFilters.is("guild_id", Long.toUnsignedString(guildId))));
        return new Answer(202, new NotYetIndexed("Index not yet available. Try again later", 110000, indexed, 2));
    }

    private static Optional<StoredMessage> read(Future<Optional<StoredMessage>> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailable("Search is temporarily unavailable, try again");
        }
    }

    /** Each hit as Discord nests it ({@code [[message]]}), current from the store, without reactions, with {@code hit: true}. */
    private List<List<ObjectNode>> render(List<MessageIndex.Hit> hits, Set<Long> readable, long viewerId) {
        List<StoredMessage> rows = new ArrayList<>();
        // Up to 25 reads, at once rather than one after another: one store round trip for the page.
        try (ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<StoredMessage>>> found = new ArrayList<>();
            for (MessageIndex.Hit h : hits) {
                if (readable.contains(h.channelId())) found.add(reads.submit(() -> messages.find(h.channelId(), h.id())));
            }
            for (Future<Optional<StoredMessage>> f : found) read(f).ifPresent(rows::add);
        }
        if (rows.isEmpty()) return List.of();
        List<List<ObjectNode>> out = new ArrayList<>();
        for (Message m : views.renderWithoutReactions(rows, viewerId)) {
            ObjectNode node = (ObjectNode) Json.tree(m);
            node.remove("reactions");
            node.put("hit", true);
            out.add(List.of(node));
        }
        return out;
    }
}
