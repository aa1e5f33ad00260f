package io.concord.api.reactions;

import com.datastax.oss.driver.api.core.DriverException;
import io.concord.api.access.AccessService;
import io.concord.api.access.ChannelContext;
import io.concord.api.events.EventPublisher;
import io.concord.common.error.BadRequest;
import io.concord.common.error.MissingPermissions;
import io.concord.common.error.NotFound;
import io.concord.common.error.ServiceUnavailable;
import io.concord.common.guild.MemberRepository;
import io.concord.common.json.IdString;
import io.concord.common.message.MessageRepository;
import io.concord.common.message.ReactionRepository;
import io.concord.common.message.StoredMessage;
import io.concord.common.model.Member;
import io.concord.common.model.Message;
import io.concord.common.model.User;
import io.concord.common.permission.Permission;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Reactions on guild messages: at most 20 distinct emoji per message; every event channel-scoped. */
public final class ReactionService {
    static final int MAX_EMOJI_PER_MESSAGE = 20;
    private final AccessService access;
    private final MessageRepository messages;
    private final ReactionRepository reactions;
    private final MemberRepository members;
    private final UserRepository users;
    private final EventPublisher events;

    record ReactionAdd(@IdString long userId, @IdString long channelId, @IdString long messageId, @IdString Long guildId, Member member,
                       Message.Emoji emoji, @IdString long messageAuthorId, boolean burst, int type) {}

    record ReactionRemove(@IdString long userId, @IdString long channelId, @IdString long messageId, @IdString Long guildId,
                          Message.Emoji emoji, boolean burst, int type) {}

    record ReactionRemoveAll(@IdString long channelId, @IdString long messageId, @IdString Long guildId) {}

    record ReactionRemoveEmoji(@IdString long channelId, @IdString Long guildId, @IdString long messageId, Message.Emoji emoji) {}

    public ReactionService(AccessService access, MessageRepository messages, ReactionRepository reactions, MemberRepository members,
                           UserRepository users, EventPublisher events) {
        this.access = access;
        this.messages = messages;
        this.reactions = reactions;
        this.members = members;
        this.users = users;
        this.events = events;
    }

    /** Idempotent: reacting again changes nothing and sends nothing. */
    public void add(long userId, long channelId, long messageId, String rawEmoji) {
        ChannelContext ctx = access.channel(userId, channelId, Permission.READ_MESSAGE_HISTORY);
        Emojis.Parsed emoji = Emojis.parse(rawEmoji);
        // every custom emoji counts as external until guild emoji exist
        if (emoji.custom() && !Permission.hasAll(ctx.permissions(), Permission.USE_EXTERNAL_EMOJIS)) throw new MissingPermissions();
        StoredMessage message = require(channelId, messageId);
        List<ReactionRepository.Count> present = store(() -> reactions.counts(channelId, messageId));
        boolean newEmoji = present.stream().noneMatch(c -> c.emoji().equals(emoji.key()));
        if (newEmoji) {
            if (!Permission.hasAll(ctx.permissions(), Permission.ADD_REACTIONS)) throw new MissingPermissions();
            if (present.size() >= MAX_EMOJI_PER_MESSAGE) throw new BadRequest(30010, "Maximum number of reactions reached (20)");
        }
        if (!store(() -> reactions.add(channelId, messageId, emoji.key(), userId))) return;
        Member member = members.find(ctx.guildId(), userId).orElse(null);
        events.publish("MESSAGE_REACTION_ADD", ctx.guildId(), channelId, List.of(),
                new ReactionAdd(userId, channelId, messageId, ctx.payloadGuildId(), member, emoji.emoji(), message.authorId(), false, 0));
    }

    /** Removes the caller's own reaction ({@code other == 0}) or, with MANAGE_MESSAGES, someone else's. */
    public void remove(long userId, long channelId, long messageId, String rawEmoji, long other) {
        ChannelContext ctx = access.channel(userId, channelId);
        long target = other == 0 ? userId : other;
        if (target != userId && !Permission.hasAll(ctx.permissions(), Permission.MANAGE_MESSAGES)) throw new MissingPermissions();
        Emojis.Parsed emoji = Emojis.parse(rawEmoji);
        require(channelId, messageId);
        if (!store(() -> reactions.remove(channelId, messageId, emoji.key(), target))) return;
        events.publish("MESSAGE_REACTION_REMOVE", ctx.guildId(), channelId, List.of(),
                new ReactionRemove(target, channelId, messageId, ctx.payloadGuildId(), emoji.emoji(), false, 0));
    }

    public void removeAll(long userId, long channelId, long messageId) {
        ChannelContext ctx = access.channel(userId, channelId, Permission.MANAGE_MESSAGES);
        require(channelId, messageId);
        if (!store(() -> reactions.clear(channelId, messageId))) return;
        events.publish("MESSAGE_REACTION_REMOVE_ALL", ctx.guildId(), channelId, List.of(), new ReactionRemoveAll(channelId, messageId, ctx.payloadGuildId()));
    }

    public void removeEmoji(long userId, long channelId, long messageId, String rawEmoji) {
        ChannelContext ctx = access.channel(userId, channelId, Permission.MANAGE_MESSAGES);
        Emojis.Parsed emoji = Emojis.parse(rawEmoji);
        require(channelId, messageId);
        if (!store(() -> reactions.clear(channelId, messageId, emoji.key()))) return;
        events.publish("MESSAGE_REACTION_REMOVE_EMOJI", ctx.guildId(), channelId, List.of(),
                new ReactionRemoveEmoji(channelId, ctx.payloadGuildId(), messageId, emoji.emoji()));
    }

    /** Who reacted with an emoji, by ascending user id after {@code after}. */
    public List<User> users(long userId, long channelId, long messageId, String rawEmoji, long after, int limit) {
        access.channel(userId, channelId, Permission.READ_MESSAGE_HISTORY);
        Emojis.Parsed emoji = Emojis.parse(rawEmoji);
        require(channelId, messageId);
        List<Long> ids = store(() -> reactions.users(channelId, messageId, emoji.key(), after, limit));
        Map<Long, UserRow> rows = users.byIds(ids);
        return ids.stream().map(id -> rows.containsKey(id) ? rows.get(id).toUser() : User.of(id, "Deleted User", null, false)).toList();
    }

    private StoredMessage require(long channelId, long messageId) {
        return store(() -> messages.find(channelId, messageId)).orElseThrow(() -> new NotFound(NotFound.Resource.MESSAGE));
    }

    private static <T> T store(Supplier<T> call) {
        try {
            return call.get();
        } catch (DriverException e) {
            throw new ServiceUnavailable("Message store unavailable, try again");
        }
    }
}
