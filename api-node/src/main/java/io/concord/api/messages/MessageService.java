package io.concord.api.messages;

import com.datastax.oss.driver.api.core.DriverException;
import io.concord.api.access.AccessService;
import io.concord.api.access.ChannelContext;
import io.concord.api.events.EventPublisher;
import io.concord.common.error.BadRequest;
import io.concord.common.error.ServiceUnavailable;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.message.HistoryQuery;
import io.concord.common.message.MessageRepository;
import io.concord.common.message.StoredMessage;
import io.concord.common.model.ChannelType;
import io.concord.common.model.Message;
import io.concord.common.model.Role;
import io.concord.common.permission.Permission;
import io.concord.common.user.UserRepository;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;

/** Sending messages and reading history: the first hop of the message path. */
public final class MessageService {
    private final AccessService access;
    private final MessageRepository messages;
    private final MemberRepository members;
    private final GuildRepository guilds;
    private final EventPublisher events;
    private final SnowflakeGenerator ids;
    private final MessageViews views;
    private final NonceRegistry nonces;

    public MessageService(AccessService access, MessageRepository messages, MemberRepository members, GuildRepository guilds,
                          UserRepository users, EventPublisher events, SnowflakeGenerator ids, RedisClient redis) {
        this.access = access;
        this.messages = messages;
        this.members = members;
        this.guilds = guilds;
        this.events = events;
        this.ids = ids;
        this.views = new MessageViews(users);
        this.nonces = new NonceRegistry(redis);
    }

    public record Draft(String content, Optional<String> nonce, boolean enforceNonce, boolean tts, JsonNode allowedMentions) {}

    public Message send(long authorId, long channelId, Draft draft) {
        ChannelContext ctx = access.channel(authorId, channelId, Permission.SEND_MESSAGES);
        if (ctx.channel().type() != ChannelType.GUILD_TEXT) {
            throw new BadRequest(50008, "Cannot send messages in a non-text channel");
        }
        long id = ids.next();
        if (draft.enforceNonce() && draft.nonce().isPresent()) {
            Optional<Long> earlier = nonces.claim(channelId, authorId, draft.nonce().get(), id);
            if (earlier.isPresent()) return existing(channelId, earlier.get());
        }
        StoredMessage row = new StoredMessage(channelId, id, ctx.guildId(), authorId, 0, draft.content(), draft.nonce(), Optional.empty(),
                0, draft.tts() && Permission.hasAll(ctx.permissions(), Permission.SEND_TTS_MESSAGES),
                false, List.of(), List.of(), false);
        row = withMentions(row, ctx, draft.allowedMentions());
        try {
            messages.insert(row);
        } catch (DriverException e) {
            draft.nonce().ifPresent(n -> nonces.release(channelId, authorId, n));
            throw new ServiceUnavailable("Message store unavailable, try again");
        }
        Message message = views.render(row);
        var member = members.find(ctx.guildId(), authorId).map(m -> m.withoutUser()).orElse(null);
        events.publish("MESSAGE_CREATE", ctx.guildId(), channelId, List.of(), message.withMember(member));
        return message;
    }

    /** The message a retried send already created; it may still be on its way into the store. */
    private Message existing(long channelId, long messageId) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<StoredMessage> found = messages.find(channelId, messageId);
            if (found.isPresent()) return views.render(found.get());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ServiceUnavailable("The original message is still being sent, try again");
    }

    private StoredMessage withMentions(StoredMessage row, ChannelContext ctx, JsonNode allowed) {
        Mentions m = Mentions.parse(row.content(), allowed);
        boolean canEveryone = Permission.hasAll(ctx.permissions(), Permission.MENTION_EVERYONE);
        List<Long> users = m.users().stream()
                .filter(u -> members.isMember(ctx.guildId(), u))
                .toList();
        Set<Long> mentionable = guilds.roles(ctx.guildId()).stream()
                .filter(r -> r.id() != ctx.guildId() && (r.mentionable() || canEveryone))
                .map(Role::id).collect(Collectors.toSet());
        List<Long> roles = m.roles().stream().filter(mentionable::contains).toList();
        return new StoredMessage(row.channelId(), row.id(), row.guildId(), row.authorId(), row.type(), row.content(), row.nonce(),
                row.editedAt(), row.flags(), row.tts(), m.everyone() && canEveryone, users, roles, row.pinned());
    }

    /** A page of history; without READ_MESSAGE_HISTORY a member sees an empty page, as on Discord. */
    public List<Message> history(long userId, long channelId, HistoryQuery query) {
        ChannelContext ctx = access.channel(userId, channelId);
        if (!Permission.hasAll(ctx.permissions(), Permission.READ_MESSAGE_HISTORY)) return List.of();
        try {
            return views.render(messages.history(channelId, query));
        } catch (DriverException e) {
            throw new ServiceUnavailable("Message store unavailable, try again");
        }
    }
}
