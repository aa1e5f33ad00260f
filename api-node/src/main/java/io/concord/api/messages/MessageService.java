package io.concord.api.messages;

import com.datastax.oss.driver.api.core.DriverException;
import io.concord.api.access.AccessService;
import io.concord.api.access.ChannelContext;
import io.concord.api.audit.AuditAction;
import io.concord.api.audit.AuditEntry;
import io.concord.api.audit.AuditLog;
import io.concord.api.events.EventPublisher;
import io.concord.common.error.BadRequest;
import io.concord.common.error.InvalidForm;
import io.concord.common.error.MissingPermissions;
import io.concord.common.error.NotFound;
import io.concord.common.error.ServiceUnavailable;
import io.concord.common.error.SlowmodeLimited;
import io.concord.common.guild.MemberRepository;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.message.HistoryQuery;
import io.concord.common.message.MessageRepository;
import io.concord.common.message.PinRepository;
import io.concord.common.message.ReactionRepository;
import io.concord.common.message.StoredMessage;
import io.concord.common.model.ChannelType;
import io.concord.common.model.Message;
import io.concord.common.model.Role;
import io.concord.common.permission.Permission;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import redis.clients.jedis.RedisClient;

/** Sending, reading, editing and deleting messages: the first hop of the message path. */
public final class MessageService {
    static final int SUPPRESS_EMBEDS = 1 << 2;
    private final AccessService access;
    private final MessageRepository messages;
    private final ReactionRepository reactions;
    private final PinRepository pins;
    private final MemberRepository members;
    private final SnowflakeGenerator ids;
    private final Clock clock;
    private final MessageViews views;
    private final MessageEvents events;
    private final NonceRegistry nonces;
    private final Slowmode slowmode;
    private final AuditLog audit;
    private final MessageMetrics metrics;
    /** Called with a DM's id before its MESSAGE_CREATE is published (a closed DM reopens for its recipients). */
    private LongConsumer dmMessage = c -> {};

    public MessageService(AccessService access, MessageRepository messages, ReactionRepository reactions, PinRepository pins,
                          MemberRepository members, MessageViews views, EventPublisher events,
                          SnowflakeGenerator ids, RedisClient redis, Clock clock, AuditLog audit, MessageMetrics metrics) {
        this.metrics = metrics;
        this.access = access;
        this.messages = messages;
        this.reactions = reactions;
        this.pins = pins;
        this.members = members;
        this.ids = ids;
        this.clock = clock;
        this.views = views;
        this.events = new MessageEvents(events, members, views);
        this.nonces = new NonceRegistry(redis);
        this.slowmode = new Slowmode(redis);
        this.audit = audit;
    }

    /** A reply's {@code message_reference} as sent. */
    public record Reference(long messageId, OptionalLong channelId, OptionalLong guildId, boolean failIfNotExists) {}

    public record Draft(String content, Optional<String> nonce, boolean enforceNonce, boolean tts, Mentions.Allowed allowedMentions,
                        Optional<Reference> reference) {}

    /** An edit: absent fields stay as they are. */
    public record Edit(Optional<String> content, OptionalInt flags, Optional<Mentions.Allowed> allowedMentions) {}

    public Message send(long authorId, long channelId, Draft draft) {
        ChannelContext ctx = access.channel(authorId, channelId, Permission.SEND_MESSAGES);
        int type = ctx.channel().type();
        if (type != ChannelType.GUILD_TEXT && type != ChannelType.DM && type != ChannelType.GROUP_DM) {
            throw new BadRequest(50008, "Cannot send messages in a non-text channel");
        }
        Optional<StoredMessage> original = draft.reference().flatMap(ref -> original(ctx, ref));
        long id = ids.next();
        if (draft.enforceNonce() && draft.nonce().isPresent()) {
            Optional<Long> earlier = nonces.claim(channelId, authorId, draft.nonce().get(), id);
            if (earlier.isPresent()) return existing(channelId, earlier.get(), authorId);
        }
        try {
            slowmode.claim(ctx, authorId, () -> members.find(ctx.guildId(), authorId)
                    .map(m -> Boolean.TRUE.equals(m.user().bot())).orElse(false));
        } catch (SlowmodeLimited e) {
            if (draft.enforceNonce()) draft.nonce().ifPresent(n -> nonces.release(channelId, authorId, n));
            throw e;
        }
        StoredMessage row = new StoredMessage(channelId, id, ctx.guildId(), authorId, original.isPresent() ? Message.REPLY : Message.DEFAULT,
                draft.content(), draft.nonce(), Optional.empty(), 0, draft.tts() && Permission.hasAll(ctx.permissions(), Permission.SEND_TTS_MESSAGES),
                false, List.of(), List.of(), false, original.map(StoredMessage::id).orElse(0L), Optional.empty());
        row = withMentions(row, ctx, draft.allowedMentions(), original.filter(o -> draft.allowedMentions().repliedUser()).map(StoredMessage::authorId));
        // The write and the reads that render the dispatch overlap; it is published once stored.
        CompletableFuture<?> stored = messages.insertAsync(row).toCompletableFuture();
        MessageEvents.Prepared dispatch = events.prepare("MESSAGE_CREATE", row);
        try {
            stored.join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof DriverException)) throw e.getCause() instanceof RuntimeException r ? r : e;
            draft.nonce().ifPresent(n -> nonces.release(channelId, authorId, n));
            slowmode.release(channelId, authorId);
            throw unavailable();
        }
        if (ctx.dm()) dmMessage.accept(channelId);
        Message sent = events.publish(dispatch);
        metrics.appended(id, clock.millis());
        return sent;
    }

    /** Set once at start: what a new message in a DM or group DM does first (see {@link #dmMessage}). */
    public MessageService onDmMessage(LongConsumer hook) {
        this.dmMessage = hook;
        return this;
    }

    /** The original of a reply: it must be in this channel; replying needs READ_MESSAGE_HISTORY. */
    private Optional<StoredMessage> original(ChannelContext ctx, Reference ref) {
        if (!Permission.hasAll(ctx.permissions(), Permission.READ_MESSAGE_HISTORY)) throw new MissingPermissions();
        long channelId = ctx.channel().id();
        boolean here = ref.channelId().orElse(channelId) == channelId && ref.guildId().orElse(ctx.guildId()) == ctx.guildId();
        Optional<StoredMessage> found = here ? store(() -> messages.find(channelId, ref.messageId())) : Optional.empty();
        if (found.isEmpty() && ref.failIfNotExists()) {
            throw InvalidForm.of("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message");
        }
        return found;
    }

    /** The message a retried send already created; it may still be on its way into the store. */
    private Message existing(long channelId, long messageId, long viewerId) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<StoredMessage> found = messages.find(channelId, messageId);
            if (found.isPresent()) return views.render(found.get(), viewerId);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ServiceUnavailable("The original message is still being sent, try again");
    }

    /** Mentions after allowed_mentions: members only, mentionable roles (any with MENTION_EVERYONE), @everyone with it. */
    private StoredMessage withMentions(StoredMessage row, ChannelContext ctx, Mentions.Allowed allowed, Optional<Long> repliedUser) {
        Mentions m = Mentions.parse(row.content(), allowed);
        boolean canEveryone = Permission.hasAll(ctx.permissions(), Permission.MENTION_EVERYONE);
        List<Long> candidates = new ArrayList<>(m.users());
        repliedUser.filter(u -> !candidates.contains(u)).ifPresent(candidates::add);
        // In a DM the users who can be mentioned are its recipients.
        Set<Long> present = ctx.dm() ? new java.util.HashSet<>(ctx.recipients()) : members.membersAmong(ctx.guildId(), candidates);
        List<Long> users = candidates.stream().filter(present::contains).toList();
        List<Long> roles = List.of();
        if (!m.roles().isEmpty()) {
            Set<Long> mentionable = ctx.roles().stream()
                    .filter(r -> r.id() != ctx.guildId() && (r.mentionable() || canEveryone))
                    .map(Role::id).collect(Collectors.toSet());
            roles = m.roles().stream().filter(mentionable::contains).toList();
        }
        return row.withMentions(m.everyone() && canEveryone, users, roles);
    }

    /** A page of history; without READ_MESSAGE_HISTORY a member sees an empty page, as on Discord. */
    public List<Message> history(long userId, long channelId, HistoryQuery query) {
        ChannelContext ctx = access.channel(userId, channelId);
        if (!Permission.hasAll(ctx.permissions(), Permission.READ_MESSAGE_HISTORY)) return List.of();
        return store(() -> views.render(messages.history(channelId, query), userId));
    }

    public Message get(long userId, long channelId, long messageId) {
        access.channel(userId, channelId, Permission.READ_MESSAGE_HISTORY);
        return views.render(require(channelId, messageId), userId);
    }

    /**
     * Edits a message: content and flags by its author only; someone else with MANAGE_MESSAGES may
     * only toggle SUPPRESS_EMBEDS, as on Discord.
     */
    public Message edit(long userId, long channelId, long messageId, Edit edit) {
        ChannelContext ctx = access.channel(userId, channelId);
        StoredMessage row = require(channelId, messageId);
        if (row.authorId() != userId) {
            boolean onlyFlags = edit.content().isEmpty() && edit.allowedMentions().isEmpty() && edit.flags().isPresent();
            if (!onlyFlags || !Permission.hasAll(ctx.permissions(), Permission.MANAGE_MESSAGES)) {
                throw io.concord.common.error.Forbidden.cannotEditOthersMessage();
            }
        }
        String content = edit.content().orElse(row.content());
        if (content.isBlank()) throw BadRequest.emptyMessage();
        int flags = edit.flags().isPresent() ? (row.flags() & ~SUPPRESS_EMBEDS) | (edit.flags().getAsInt() & SUPPRESS_EMBEDS) : row.flags();
        StoredMessage updated = row.withEdit(content, flags, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (edit.content().isPresent() || edit.allowedMentions().isPresent()) {
            Optional<Long> replied = Optional.empty();
            if (row.referencedMessageId() != 0) {
                Optional<Long> originalAuthor = messages.find(channelId, row.referencedMessageId()).map(StoredMessage::authorId);
                boolean ping = edit.allowedMentions().map(Mentions.Allowed::repliedUser)
                        .orElseGet(() -> originalAuthor.isPresent() && row.mentions().contains(originalAuthor.get()));
                replied = originalAuthor.filter(a -> ping);
            }
            updated = withMentions(updated, ctx, edit.allowedMentions().orElse(Mentions.Allowed.DEFAULT), replied);
        }
        StoredMessage stored = updated;
        if (!store(() -> messages.update(stored))) throw new NotFound(NotFound.Resource.MESSAGE);
        events.publish("MESSAGE_UPDATE", stored);
        return views.render(stored, userId);
    }

    public void delete(long userId, long channelId, long messageId, Optional<String> reason) {
        ChannelContext ctx = access.channel(userId, channelId);
        StoredMessage row = require(channelId, messageId);
        if (row.authorId() != userId && !Permission.hasAll(ctx.permissions(), Permission.MANAGE_MESSAGES)) throw new MissingPermissions();
        remove(row);
        events.deleted(row);
        // Discord logs a deletion by a moderator only, never an author deleting their own message.
        if (row.authorId() != userId && !ctx.dm()) {
            audit.record(new AuditEntry(ctx.guildId(), userId, AuditAction.MESSAGE_DELETE, row.authorId(), List.of(),
                    Map.of("channel_id", Long.toString(channelId), "count", "1"), reason));
        }
    }

    /** Deletes one message's row, pin and reactions (the single and the bulk deletes share it); publishes nothing. */
    void remove(StoredMessage row) {
        store(() -> {
            messages.delete(row.channelId(), row.id());
            row.pinnedAt().ifPresent(at -> pins.remove(row.channelId(), row.id(), at));
            reactions.deleteMessage(row.channelId(), row.id());
            return null;
        });
    }

    StoredMessage require(long channelId, long messageId) {
        return store(() -> messages.find(channelId, messageId)).orElseThrow(() -> new NotFound(NotFound.Resource.MESSAGE));
    }

    MessageViews views() {
        return views;
    }

    MessageEvents events() {
        return events;
    }

    static <T> T store(Supplier<T> call) {
        try {
            return call.get();
        } catch (DriverException e) {
            throw unavailable();
        }
    }

    private static ServiceUnavailable unavailable() {
        return new ServiceUnavailable("Message store unavailable, try again");
    }
}
