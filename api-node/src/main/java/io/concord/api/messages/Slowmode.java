package io.concord.api.messages;

import io.concord.api.access.ChannelContext;
import io.concord.common.error.SlowmodeLimited;
import io.concord.common.permission.Permission;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * A channel's slowmode ({@code rate_limit_per_user} seconds between one member's messages), kept in
 * Redis so every api-node agrees: a send claims the member's slot for the channel, and a send while
 * the slot is held is refused with 429 20016 and the time left. Members who may manage messages or
 * the channel, or hold BYPASS_SLOWMODE (owner and administrators hold everything), are not limited,
 * and neither are bots, as Discord's channel documentation says (a bot library would otherwise hold
 * the whole route for up to six hours on the 429).
 */
final class Slowmode {
    static final long EXEMPT = Permission.BYPASS_SLOWMODE | Permission.MANAGE_MESSAGES | Permission.MANAGE_CHANNELS;
    private final RedisClient redis;

    Slowmode(RedisClient redis) {
        this.redis = redis;
    }

    static String key(long channelId, long userId) {
        return "slowmode:" + channelId + ":" + userId;
    }

    /**
     * Claims the member's next message in the channel, or throws how long they must still wait.
     * {@code isBot} is asked only when the channel has a slowmode the member's permissions do not lift.
     */
    void claim(ChannelContext ctx, long userId, BooleanSupplier isBot) {
        int seconds = ctx.channel().rateLimitPerUser();
        if (seconds <= 0 || ctx.dm() || (ctx.permissions() & EXEMPT) != 0 || isBot.getAsBoolean()) return;
        String key = key(ctx.channel().id(), userId);
        if ("OK".equals(redis.set(key, "1", SetParams.setParams().nx().px(seconds * 1000L)))) return;
        long left = redis.pttl(key);
        throw new SlowmodeLimited(left > 0 ? left : seconds * 1000L);
    }

    /** Gives the slot back when the send it was claimed for did not happen. */
    void release(long channelId, long userId) {
        redis.del(key(channelId, userId));
    }
}
