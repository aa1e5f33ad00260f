package io.concord.ws.guild;

import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the node needs to decide VIEW_CHANNEL for each delivery without a database round trip per
 * event: each guild's access data and each local member's roles, loaded on first use and dropped
 * when a relayed event says they changed (they are reloaded lazily on the next event).
 */
public final class PermissionCache {
    private final GuildRepository guilds;
    private final MemberRepository members;
    private final ConcurrentHashMap<Long, Optional<GuildAccess>> guildAccess = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, ConcurrentHashMap<Long, Optional<MemberAccess>>> memberAccess = new ConcurrentHashMap<>();

    public PermissionCache(GuildRepository guilds, MemberRepository members) {
        this.guilds = guilds;
        this.members = members;
    }

    public boolean canView(long guildId, long userId, long channelId, Instant now) {
        Optional<GuildAccess> guild = guildAccess.computeIfAbsent(guildId, guilds::access);
        if (guild.isEmpty()) return false;
        Optional<MemberAccess> member = memberAccess.computeIfAbsent(guildId, g -> new ConcurrentHashMap<>())
                .computeIfAbsent(userId, u -> members.access(guildId, u));
        return member.isPresent() && guild.get().canView(member.get(), channelId, now);
    }

    /** Roles, channels, overwrites or the owner changed. */
    public void invalidateGuild(long guildId) {
        guildAccess.remove(guildId);
    }

    /** A member's roles, timeout or membership changed. */
    public void invalidateMember(long guildId, long userId) {
        ConcurrentHashMap<Long, Optional<MemberAccess>> m = memberAccess.get(guildId);
        if (m != null) m.remove(userId);
    }

    /** No local session receives the guild any more. */
    public void forget(long guildId) {
        guildAccess.remove(guildId);
        memberAccess.remove(guildId);
    }
}
