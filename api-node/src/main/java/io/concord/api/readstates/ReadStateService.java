package io.concord.api.readstates;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.concord.api.access.AccessService;
import io.concord.api.access.ChannelContext;
import io.concord.api.events.EventPublisher;
import io.concord.common.error.NotFound;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.GuildRow;
import io.concord.common.json.IdString;
import io.concord.common.message.MessageRepository;
import io.concord.common.readstate.ReadState;
import io.concord.common.readstate.ReadStateCache;
import io.concord.common.readstate.ReadStateReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Acks: checked (the caller views the channel, the message is in it), written to the Redis hot copy
 * with the next version, then published as MESSAGE_ACK on the guild's stream, which both tells the
 * user's other sessions and carries the ack to the readstate-worker that persists it in CQL.
 * The 200 is answered only after both; see docs/design/read-states.md for the guarantees.
 */
public final class ReadStateService {
    private final AccessService access;
    private final MessageRepository messages;
    private final ReadStateCache cache;
    private final ReadStateReader reader;
    private final GuildRepository guilds;
    private final EventPublisher events;

    /** Discord's answer to an ack: the token is no longer used and is always null. */
    public record AckReply(@JsonInclude(JsonInclude.Include.ALWAYS) String token) {}

    /** The MESSAGE_ACK dispatch; {@code message_id} absent after a mark-unread (nothing read). */
    record MessageAck(@IdString long channelId, @IdString Long messageId, long version, Integer mentionCount, Boolean manual) {}

    public record Ack(long channelId, long messageId, boolean manual, int mentionCount) {}

    public ReadStateService(AccessService access, MessageRepository messages, ReadStateCache cache, ReadStateReader reader,
                            GuildRepository guilds, EventPublisher events) {
        this.access = access;
        this.messages = messages;
        this.cache = cache;
        this.reader = reader;
        this.guilds = guilds;
        this.events = events;
    }

    public AckReply ack(long userId, Ack ack) {
        apply(userId, check(userId, ack), ack);
        return new AckReply(null);
    }

    /** Every ack is checked before any is applied: one bad entry changes nothing. */
    public void ackBulk(long userId, List<Ack> acks) {
        List<ChannelContext> checked = new ArrayList<>(acks.size());
        for (Ack a : acks) checked.add(check(userId, a));
        for (int i = 0; i < acks.size(); i++) apply(userId, checked.get(i), acks.get(i));
    }

    /** Mark unread: the cursor goes back to "nothing read since joining". */
    public void markUnread(long userId, long channelId) {
        ChannelContext ctx = access.channel(userId, channelId);
        ReadState s = cache.set(userId, ctx.guildId(), channelId, 0, 0);
        int count = reader.mentionCountSinceJoin(userId, ctx.guildId(), channelId, ctx.member().roleIds());
        events.publish("MESSAGE_ACK", ctx.guildId(), channelId, List.of(userId), new MessageAck(channelId, null, s.version(), count, null));
    }

    public ReadStateReader.Versioned mine(long userId) {
        return reader.forUser(userId, guilds.guildsOf(userId).stream().map(GuildRow::id).toList());
    }

    private ChannelContext check(long userId, Ack ack) {
        ChannelContext ctx = access.channel(userId, ack.channelId());
        messages.find(ack.channelId(), ack.messageId()).orElseThrow(() -> new NotFound(NotFound.Resource.MESSAGE));
        return ctx;
    }

    private void apply(long userId, ChannelContext ctx, Ack ack) {
        int base = ack.manual() ? ack.mentionCount() : 0;
        ReadState s = cache.set(userId, ctx.guildId(), ack.channelId(), ack.messageId(), base);
        int count = ack.manual() ? base : reader.mentionCount(userId, ack.channelId(), ack.messageId(), ctx.member().roleIds());
        events.publish("MESSAGE_ACK", ctx.guildId(), ack.channelId(), List.of(userId),
                new MessageAck(ack.channelId(), ack.messageId(), s.version(), count, ack.manual() ? Boolean.TRUE : null));
    }
}
