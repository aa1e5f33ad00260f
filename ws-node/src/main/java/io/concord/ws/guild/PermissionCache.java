package io.concord.ws.guild;

import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the node needs to decide VIEW_CHANNEL for each delivery without a database round trip per
 * event: each guild's access data and each local member's roles.
 *
 * <p>The guild entry is the state as of the last relayed event, not the database's: a CHANNEL_UPDATE
 * or CHANNEL_DELETE arrives after the row changed, and who could view the channel before it is only
 * known from here. So entries are primed from the snapshot a GUILD_CREATE is built from, replaced
 * from relayed channel payloads and reloaded right after other access changes. Priming never
 * overwrites a newer entry: it only lands when nothing was invalidated since its read began.
 */
public final class PermissionCache {
    private final GuildRepository guilds;
    private final MemberRepository members;
    private final ConcurrentHashMap<Long, Optional<GuildAccess>> guildAccess = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, ConcurrentHashMap<Long, Optional<MemberAccess>>> memberAccess = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public PermissionCache(GuildRepository guilds, MemberRepository members) {
        this.guilds = guilds;
        this.members = members;
    }

    public boolean canView(long guildId, long userId, long channelId, Instant now) {
        Optional<GuildAccess> guild = guild(guildId);
        if (guild.isEmpty()) return false;
        Optional<MemberAccess> member = member(guildId, userId);
        return member.isPresent() && guild.get().canView(member.get(), channelId, now);
    }

    /** The guild's access data as of the last relayed event, loaded on first use; empty when the guild is gone. */
    public Optional<GuildAccess> guild(long guildId) {
        return guildAccess.computeIfAbsent(guildId, guilds::access);
    }

    /** The member's roles and timeout; empty when the user is not a member. */
    public Optional<MemberAccess> member(long guildId, long userId) {
        return memberAccess.computeIfAbsent(guildId, g -> new ConcurrentHashMap<>()).computeIfAbsent(userId, u -> members.access(guildId, u));
    }

    /** Taken before reading a snapshot that will be passed to {@link #prime}. */
    public long generation() {
        return generation.get();
    }

    /** Caches a snapshot read after {@code generationBeforeRead}, unless an entry exists or something changed since. */
    public void prime(GuildAccess access, long generationBeforeRead) {
        guildAccess.compute(access.guildId(), (id, current) -> current != null ? current
                : generation.get() == generationBeforeRead ? Optional.of(access) : null);
    }

    /** The relayed event says what the guild's access data is now. */
    public void replace(GuildAccess access) {
        generation.incrementAndGet();
        guildAccess.put(access.guildId(), Optional.of(access));
    }

    /** Roles, channels, overwrites or the owner changed: read them again now, in stream order. */
    public Optional<GuildAccess> reload(long guildId) {
        generation.incrementAndGet();
        Optional<GuildAccess> fresh = guilds.access(guildId);
        guildAccess.put(guildId, fresh);
        return fresh;
    }

    /** Roles, channels, overwrites or the owner changed; read again on next use. */
    public void invalidateGuild(long guildId) {
        generation.incrementAndGet();
        guildAccess.remove(guildId);
    }

    /** A member's roles, timeout or membership changed. */
    public void invalidateMember(long guildId, long userId) {
        ConcurrentHashMap<Long, Optional<MemberAccess>> m = memberAccess.get(guildId);
        if (m != null) m.remove(userId);
    }

    /** Every member's roles may have changed (a role was deleted). */
    public void invalidateMembers(long guildId) {
        memberAccess.remove(guildId);
    }

    /** No local session receives the guild any more, or it was deleted. */
    public void forget(long guildId) {
        generation.incrementAndGet();
        guildAccess.remove(guildId);
        memberAccess.remove(guildId);
    }
}
