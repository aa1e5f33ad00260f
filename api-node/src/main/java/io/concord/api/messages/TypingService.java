package io.concord.api.messages;

import io.concord.api.access.AccessService;
import io.concord.api.access.ChannelContext;
import io.concord.api.events.EventPublisher;
import io.concord.common.guild.MemberRepository;
import io.concord.common.json.IdString;
import io.concord.common.model.Member;
import io.concord.common.permission.Permission;
import java.time.Clock;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * {@code POST /channels/{id}/typing}: TYPING_START to the channel's viewers. Clients repeat it every
 * few seconds while typing; only the first in each window per user and channel reaches the stream.
 */
public final class TypingService {
    static final long COALESCE_SECONDS = 5;
    private final AccessService access;
    private final MemberRepository members;
    private final EventPublisher events;
    private final RedisClient redis;
    private final Clock clock;

    record TypingStart(@IdString long channelId, @IdString Long guildId, @IdString long userId, long timestamp, Member member) {}

    public TypingService(AccessService access, MemberRepository members, EventPublisher events, RedisClient redis, Clock clock) {
        this.access = access;
        this.members = members;
        this.events = events;
        this.redis = redis;
        this.clock = clock;
    }

    public void start(long userId, long channelId) {
        ChannelContext ctx = access.channel(userId, channelId, Permission.SEND_MESSAGES);
        String key = "typing:" + channelId + ":" + userId;
        if (!"OK".equals(redis.set(key, "1", SetParams.setParams().nx().ex(COALESCE_SECONDS)))) return;
        Member member = members.find(ctx.guildId(), userId).orElse(null);
        events.publish("TYPING_START", ctx.guildId(), channelId, List.of(),
                new TypingStart(channelId, ctx.payloadGuildId(), userId, clock.instant().getEpochSecond(), member));
    }
}
