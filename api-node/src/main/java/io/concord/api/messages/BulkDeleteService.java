package io.concord.api.messages;

import io.concord.api.access.AccessService;
import io.concord.api.access.ChannelContext;
import io.concord.api.audit.AuditAction;
import io.concord.api.audit.AuditEntry;
import io.concord.api.audit.AuditLog;
import io.concord.common.error.BadRequest;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.id.Snowflakes;
import io.concord.common.message.MessageRepository;
import io.concord.common.message.StoredMessage;
import io.concord.common.model.Channel;
import io.concord.common.model.ChannelType;
import io.concord.common.permission.Permission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deleting many messages at once: a moderator's bulk delete of listed ids, and the purge of a banned
 * user's recent messages. Each message goes the way a single delete goes ({@link MessageService#remove}:
 * the row, its pin, its reactions); clients hear one MESSAGE_DELETE_BULK per channel and hundred ids.
 */
public final class BulkDeleteService {
    static final Duration MAX_AGE = Duration.ofDays(14);
    /** A purge reads at most this many messages of one channel, and this many over the whole guild. */
    static final int PURGE_SCAN_PER_CHANNEL = 1000;
    static final int PURGE_SCAN_TOTAL = 10_000;
    private static final int PAGE = 100;
    private final AccessService access;
    private final MessageService messageService;
    private final MessageRepository messages;
    private final ChannelRepository channels;
    private final AuditLog audit;
    private final Clock clock;

    public BulkDeleteService(AccessService access, MessageService messageService, MessageRepository messages, ChannelRepository channels,
                             AuditLog audit, Clock clock) {
        this.access = access;
        this.messageService = messageService;
        this.messages = messages;
        this.channels = channels;
        this.audit = audit;
        this.clock = clock;
    }

    /** Deletes 2..100 messages under 14 days old (MANAGE_MESSAGES); ids that name no message are skipped, as on Discord. */
    public void bulkDelete(long userId, long channelId, List<Long> messageIds, Optional<String> reason) {
        ChannelContext ctx = access.channel(userId, channelId, Permission.MANAGE_MESSAGES);
        long oldest = Snowflakes.fromTimestamp(clock.millis() - MAX_AGE.toMillis());
        if (messageIds.stream().anyMatch(id -> Long.compareUnsigned(id, oldest) < 0)) {
            throw new BadRequest(50034, "You can only bulk delete messages that are under 14 days old.");
        }
        List<StoredMessage> found = new ArrayList<>();
        for (long id : messageIds) MessageService.store(() -> messages.find(channelId, id)).ifPresent(found::add);
        if (found.isEmpty()) return;
        removeAll(ctx.guildId(), channelId, found, true);
        if (!ctx.dm()) {
            audit.record(new AuditEntry(ctx.guildId(), userId, AuditAction.MESSAGE_BULK_DELETE, channelId, List.of(),
                    Map.of("count", Integer.toString(found.size())), reason));
        }
    }

    /**
     * Deletes what these authors sent in the guild since {@code since} (a ban's delete_message_seconds),
     * newest first, reading at most {@link #PURGE_SCAN_PER_CHANNEL} messages per channel and
     * {@link #PURGE_SCAN_TOTAL} in all; returns how many went.
     */
    public int purgeAuthors(long guildId, Set<Long> authorIds, Instant since) {
        long afterId = Snowflakes.fromTimestamp(since.toEpochMilli()) - 1;
        int budget = PURGE_SCAN_TOTAL;
        int deleted = 0;
        for (Channel channel : channels.inGuild(guildId)) {
            if (budget <= 0) break;
            if (channel.type() == ChannelType.GUILD_CATEGORY) continue;
            List<StoredMessage> found = new ArrayList<>();
            long cursor = Long.MAX_VALUE;
            int scanned = 0;
            while (scanned < PURGE_SCAN_PER_CHANNEL && budget > 0) {
                int want = Math.min(PAGE, Math.min(PURGE_SCAN_PER_CHANNEL - scanned, budget));
                long before = cursor;
                List<StoredMessage> page = MessageService.store(() -> messages.between(channel.id(), afterId, before, want));
                scanned += page.size();
                budget -= page.size();
                page.stream().filter(m -> authorIds.contains(m.authorId())).forEach(found::add);
                if (page.size() < want) break;
                cursor = page.getLast().id();
            }
            if (!found.isEmpty()) removeAll(guildId, channel.id(), found, false);
            deleted += found.size();
        }
        return deleted;
    }

    /**
     * Deletes messages of one channel and announces them: MESSAGE_DELETE_BULK per hundred ids, or for a
     * single message MESSAGE_DELETE unless the client asked for a bulk delete (then always the bulk event).
     */
    private void removeAll(long guildId, long channelId, List<StoredMessage> rows, boolean alwaysBulk) {
        for (StoredMessage row : rows) messageService.remove(row);
        if (rows.size() == 1 && !alwaysBulk) {
            messageService.events().deleted(rows.getFirst());
            return;
        }
        List<Long> ids = rows.stream().map(StoredMessage::id).toList();
        for (int i = 0; i < ids.size(); i += PAGE) {
            messageService.events().bulkDeleted(guildId, channelId, ids.subList(i, Math.min(ids.size(), i + PAGE)));
        }
    }
}
