package io.concord.api.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.concord.api.access.AccessService;
import io.concord.api.access.ChannelContext;
import io.concord.api.audit.AuditAction;
import io.concord.api.audit.AuditEntry;
import io.concord.api.audit.AuditLog;
import io.concord.common.error.BadRequest;
import io.concord.common.error.MissingPermissions;
import io.concord.common.error.NotFound;
import io.concord.common.json.IdString;
import io.concord.common.message.MessageRepository;
import io.concord.common.message.PinRepository;
import io.concord.common.message.StoredMessage;
import io.concord.common.model.Message;
import io.concord.common.permission.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pins: at most 250 per channel, PIN_MESSAGES or MANAGE_MESSAGES to change them. */
public final class PinService {
    static final int MAX_PAGE = 50;
    private final AccessService access;
    private final MessageService messages;
    private final MessageRepository store;
    private final PinRepository pins;
    private final Clock clock;
    private final AuditLog audit;

    record PinnedMessage(OffsetDateTime pinnedAt, Message message) {}

    public record Page(List<PinnedMessage> items, boolean hasMore) {}

    record ChannelPinsUpdate(@IdString Long guildId, @IdString long channelId,
                             @JsonInclude(JsonInclude.Include.ALWAYS) OffsetDateTime lastPinTimestamp) {}

    public PinService(AccessService access, MessageService messages, MessageRepository store, PinRepository pins, Clock clock,
                      AuditLog audit) {
        this.access = access;
        this.messages = messages;
        this.store = store;
        this.pins = pins;
        this.clock = clock;
        this.audit = audit;
    }

    public void pin(long userId, long channelId, long messageId, Optional<String> reason) {
        ChannelContext ctx = mayPin(userId, channelId);
        StoredMessage row = messages.require(channelId, messageId);
        if (row.pinned()) return;
        if (MessageService.store(() -> pins.count(channelId)) >= PinRepository.MAX_PINS) {
            throw new BadRequest(30003, "Maximum number of pins reached (" + PinRepository.MAX_PINS + ")");
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        boolean applied = MessageService.store(() -> {
            pins.add(channelId, messageId, at);
            if (store.setPinned(channelId, messageId, Optional.of(at))) return true;
            pins.remove(channelId, messageId, at);
            return false;
        });
        if (!applied) throw new NotFound(NotFound.Resource.MESSAGE);
        changed(ctx, row.withPin(Optional.of(at)));
        auditPin(ctx, userId, AuditAction.MESSAGE_PIN, row, reason);
    }

    public void unpin(long userId, long channelId, long messageId, Optional<String> reason) {
        ChannelContext ctx = mayPin(userId, channelId);
        StoredMessage row = messages.require(channelId, messageId);
        if (!row.pinned()) return;
        MessageService.store(() -> {
            row.pinnedAt().ifPresent(at -> pins.remove(channelId, messageId, at));
            return store.setPinned(channelId, messageId, Optional.empty());
        });
        changed(ctx, row.withPin(Optional.empty()));
        auditPin(ctx, userId, AuditAction.MESSAGE_UNPIN, row, reason);
    }

    /** In a guild only (a DM has no audit log): the target is the message's author. */
    private void auditPin(ChannelContext ctx, long userId, AuditAction action, StoredMessage row, Optional<String> reason) {
        if (ctx.dm()) return;
        audit.record(new AuditEntry(ctx.guildId(), userId, action, row.authorId(), List.of(),
                Map.of("channel_id", Long.toString(row.channelId()), "message_id", Long.toString(row.id())), reason));
    }

    private void changed(ChannelContext ctx, StoredMessage row) {
        messages.events().publish("MESSAGE_UPDATE", row);
        OffsetDateTime last = MessageService.store(() -> pins.list(row.channelId(), Optional.empty(), 1)).stream().findFirst()
                .map(p -> p.pinnedAt().atOffset(ZoneOffset.UTC)).orElse(null);
        messages.events().publishRaw("CHANNEL_PINS_UPDATE", ctx.guildId(), row.channelId(),
                new ChannelPinsUpdate(ctx.payloadGuildId(), row.channelId(), last));
    }

    private ChannelContext mayPin(long userId, long channelId) {
        ChannelContext ctx = access.channel(userId, channelId);
        if (!Permission.hasAll(ctx.permissions(), Permission.PIN_MESSAGES) && !Permission.hasAll(ctx.permissions(), Permission.MANAGE_MESSAGES)) {
            throw new MissingPermissions();
        }
        return ctx;
    }

    /** {@code GET /channels/{c}/messages/pins}: newest pin first, pinned before {@code before}. */
    public Page page(long userId, long channelId, Optional<Instant> before, int limit) {
        ChannelContext ctx = access.channel(userId, channelId);
        if (!Permission.hasAll(ctx.permissions(), Permission.READ_MESSAGE_HISTORY)) return new Page(List.of(), false);
        List<PinRepository.Pin> found = MessageService.store(() -> pins.list(channelId, before, limit + 1));
        boolean more = found.size() > limit;
        List<PinRepository.Pin> shown = more ? found.subList(0, limit) : found;
        Map<Long, Message> byId = rendered(channelId, shown, userId);
        List<PinnedMessage> items = new ArrayList<>();
        for (PinRepository.Pin p : shown) {
            Message m = byId.get(p.messageId());
            if (m != null) items.add(new PinnedMessage(p.pinnedAt().atOffset(ZoneOffset.UTC), m));
        }
        return new Page(items, more);
    }

    /** The deprecated {@code GET /channels/{c}/pins}: the newest 50 pinned messages. */
    public List<Message> legacyList(long userId, long channelId) {
        ChannelContext ctx = access.channel(userId, channelId);
        if (!Permission.hasAll(ctx.permissions(), Permission.READ_MESSAGE_HISTORY)) return List.of();
        List<PinRepository.Pin> found = MessageService.store(() -> pins.list(channelId, Optional.empty(), MAX_PAGE));
        Map<Long, Message> byId = rendered(channelId, found, userId);
        return found.stream().map(p -> byId.get(p.messageId())).filter(m -> m != null).toList();
    }

    private Map<Long, Message> rendered(long channelId, List<PinRepository.Pin> shown, long viewerId) {
        List<StoredMessage> rows = new ArrayList<>();
        for (PinRepository.Pin p : shown) MessageService.store(() -> store.find(channelId, p.messageId())).ifPresent(rows::add);
        Map<Long, Message> byId = new java.util.HashMap<>();
        messages.views().render(rows, viewerId).forEach(m -> byId.put(m.id(), m));
        return byId;
    }
}
