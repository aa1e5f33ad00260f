package io.concord.common.readstate;

import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.id.Snowflakes;
import io.concord.common.json.IdString;
import io.concord.common.model.Member;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.function.LongFunction;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A user's read states as Discord's versioned {@code read_state} ({@code {entries, partial, version}}):
 * the newest of Redis and CQL per channel, mention counts resolved now (direct and broadcast
 * mentions after the cursor, only in channels the user can view, never their own messages).
 */
public final class ReadStateReader {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);
    /** Channels whose mentions are counted in parallel at most. */
    static final int IN_FLIGHT = 64;
    private final ReadStateCache cache;
    private final ReadStateRepository repository;
    private final MentionStore mentions;
    private final GuildRepository guilds;
    private final MemberRepository members;
    private final Clock clock;

    public record Entry(@IdString long id, @IdString long lastMessageId, int mentionCount, String lastPinTimestamp) {}

    public record Versioned(List<Entry> entries, boolean partial, long version) {}

    private LongFunction<Collection<Long>> dmChannels = u -> List.of();

    public ReadStateReader(ReadStateCache cache, ReadStateRepository repository, MentionStore mentions, GuildRepository guilds,
                           MemberRepository members, Clock clock) {
        this.cache = cache;
        this.repository = repository;
        this.mentions = mentions;
        this.guilds = guilds;
        this.members = members;
        this.clock = clock;
    }

    /** The DM and group DM channel ids of a user ({@link #forUser} lists them with the guilds' channels). */
    public ReadStateReader withDmChannels(LongFunction<Collection<Long>> dmChannels) {
        this.dmChannels = dmChannels;
        return this;
    }

    /** The stored states of the user, newest of Redis and CQL per channel. */
    public Map<Long, ReadState> states(long userId) {
        Map<Long, ReadState> merged = new HashMap<>(repository.all(userId));
        cache.all(userId).forEach((c, s) -> merged.merge(c, s, ReadState::newer));
        return merged;
    }

    /**
     * Entries for the channels of these guilds the user can view and has a read state in or a
     * mention in. A channel without a state counts mentions from the user's join on.
     */
    public Versioned forUser(long userId, Collection<Long> guildIds) {
        Map<Long, ReadState> states = states(userId);
        long version = 0;
        for (ReadState s : states.values()) version = Math.max(version, s.version());
        record Pending(long channelId, ReadState state, CompletionStage<Integer> count) {}
        List<Pending> pending = new ArrayList<>();
        Instant now = clock.instant();
        for (long guildId : guildIds) {
            Optional<GuildAccess> access = guilds.access(guildId);
            Optional<Member> member = members.find(guildId, userId);
            if (access.isEmpty() || member.isEmpty()) continue;
            MemberAccess m = MemberRepository.access(member.get());
            long joined = joinedCursor(member.get());
            for (long channelId : access.get().channelOverwrites().keySet()) {
                if (!access.get().canView(m, channelId, now)) continue;
                ReadState s = states.get(channelId);
                long cursor = s == null ? 0 : s.lastMessageId();
                pending.add(new Pending(channelId, s, mentions.countAsync(userId, channelId, Math.max(cursor, joined), m.roleIds())));
                // at most IN_FLIGHT channels (two queries each) outstanding
                if (pending.size() % IN_FLIGHT == 0) {
                    pending.subList(pending.size() - IN_FLIGHT, pending.size()).forEach(p -> p.count().toCompletableFuture().join());
                }
            }
        }
        // The user's DMs and group DMs: always viewable by a recipient, no roles, every message a mention.
        for (long channelId : dmChannels.apply(userId)) {
            ReadState s = states.get(channelId);
            long cursor = s == null ? 0 : s.lastMessageId();
            pending.add(new Pending(channelId, s, mentions.countAsync(userId, channelId, cursor, List.of())));
            if (pending.size() % IN_FLIGHT == 0) {
                pending.subList(pending.size() - IN_FLIGHT, pending.size()).forEach(p -> p.count().toCompletableFuture().join());
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Pending p : pending) {
            ReadState s = p.state();
            int count = (s == null ? 0 : s.mentionBase()) + p.count().toCompletableFuture().join();
            if (s == null && count == 0) continue;
            entries.add(new Entry(p.channelId(), s == null ? 0 : s.lastMessageId(), count, pin(s == null ? 0 : s.lastPinMs())));
        }
        return new Versioned(entries, false, version);
    }

    /** Mentions after the cursor for a member already known to view the channel. */
    public int mentionCount(long userId, long channelId, long cursor, Collection<Long> roleIds) {
        return mentions.count(userId, channelId, cursor, roleIds);
    }

    /** Mentions since the member joined the guild (the count after a mark-unread). */
    public int mentionCountSinceJoin(long userId, long guildId, long channelId, Collection<Long> roleIds) {
        return mentions.count(userId, channelId, members.find(guildId, userId).map(ReadStateReader::joinedCursor).orElse(0L), roleIds);
    }

    /** Just before the member's join: mentions older than it never count for them. */
    private static long joinedCursor(Member member) {
        return member.joinedAt() == null ? 0 : Snowflakes.fromTimestamp(member.joinedAt().toInstant().toEpochMilli()) - 1;
    }

    static String pin(long ms) {
        return ISO.format(Instant.ofEpochMilli(ms));
    }
}
