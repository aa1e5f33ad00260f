package io.concord.ws.guild;

import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.GuildRow;
import io.concord.common.guild.MemberRepository;
import io.concord.common.json.Json;
import io.concord.common.model.Channel;
import io.concord.common.model.Guild;
import io.concord.common.model.Member;
import io.concord.common.model.Role;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import io.concord.common.permission.Overwrite;
import io.concord.ws.lazy.LazyRouting;
import io.concord.ws.presence.PresenceService;
import io.concord.ws.session.GatewaySession;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a guild as one member sees it at connect time and encodes its GUILD_CREATE: every role, the
 * channels the member may view with their overwrites as stored, and the member list (always with
 * the member itself, which JDA needs). The access data read for it primes the {@link PermissionCache},
 * so the node knows who saw which channel when a later CHANNEL_UPDATE changes that.
 */
public final class GuildSnapshots {
    /**
     * An encoded GUILD_CREATE and whether the guild is past {@code LARGE_GUILD_MEMBERS} for a user
     * (not a bot), who then receives it read-on-demand.
     */
    public record Snapshot(String json, boolean readOnDemand) {}

    private static final int MEMBER_PAGE = 1000;
    private final GuildRepository guilds;
    private final ChannelRepository channels;
    private final MemberRepository members;
    private final PermissionCache permissions;
    private final Clock clock;
    /** What others see of these users (absent: offline), as {@code {status, activities, client_status}} JSON. */
    private final Function<List<Long>, Map<Long, String>> presences;
    /** Past this many members a guild is large-guild mode (LARGE_GUILD_MEMBERS). */
    private final int largeGuildMembers;
    /** Told, for IDENTIFY's GUILD_CREATEs, whether the session receives each guild read-on-demand. */
    private final LazyRouting recorder;

    public GuildSnapshots(GuildRepository guilds, ChannelRepository channels, MemberRepository members, PermissionCache permissions, Clock clock) {
        this(guilds, channels, members, permissions, clock, ids -> Map.of());
    }

    public GuildSnapshots(GuildRepository guilds, ChannelRepository channels, MemberRepository members, PermissionCache permissions, Clock clock,
                          Function<List<Long>, Map<Long, String>> presences) {
        this(guilds, channels, members, permissions, clock, presences, Integer.MAX_VALUE, LazyRouting.NONE);
    }

    public GuildSnapshots(GuildRepository guilds, ChannelRepository channels, MemberRepository members, PermissionCache permissions, Clock clock,
                          Function<List<Long>, Map<Long, String>> presences, int largeGuildMembers, LazyRouting recorder) {
        this.largeGuildMembers = largeGuildMembers;
        this.recorder = recorder;
        this.presences = presences;
        this.guilds = guilds;
        this.channels = channels;
        this.members = members;
        this.permissions = permissions;
        this.clock = clock;
    }

    /**
     * The encoded GUILD_CREATE for {@code userId}; empty when the guild is gone or the user is no
     * longer a member. Small guilds carry every member; past {@code largeThreshold} only the caller
     * (JDA needs its own member), the rest comes through op 8 later.
     */
    public Optional<String> guildCreate(long guildId, long userId, int largeThreshold) {
        return snapshot(guildId, userId, largeThreshold).map(Snapshot::json);
    }

    /** {@link #guildCreate(long, long, int)} with whether the user gets the guild read-on-demand. */
    public Optional<Snapshot> snapshot(long guildId, long userId, int largeThreshold) {
        long generation = permissions.generation();
        return guilds.find(guildId).flatMap(row -> members.find(guildId, userId).map(self -> encode(row, self, largeThreshold, generation, false)));
    }

    /** IDENTIFY's GUILD_CREATE for a session: as below, and the session is told whether it gets the guild read-on-demand. */
    public Optional<String> guildCreate(GatewaySession session, GuildRow row, long userId, int largeThreshold, boolean withPresences) {
        long generation = permissions.generation();
        Optional<Snapshot> snapshot = members.find(row.id(), userId).map(self -> encode(row, self, largeThreshold, generation, withPresences));
        snapshot.ifPresent(s -> recorder.received(session, row.id(), s.readOnDemand()));
        return snapshot.map(Snapshot::json);
    }

    /** Same as {@link #guildCreate} for a guild row already read (READY reads them in one query). */
    public Optional<String> guildCreate(GuildRow row, long userId, int largeThreshold) {
        return guildCreate(row, userId, largeThreshold, false);
    }

    /**
     * With {@code withPresences} (the session has GUILD_PRESENCES), {@code presences} lists the
     * listed members who are not offline: bounded by the member list, so by {@code largeThreshold}.
     */
    public Optional<String> guildCreate(GuildRow row, long userId, int largeThreshold, boolean withPresences) {
        long generation = permissions.generation();
        return members.find(row.id(), userId).map(self -> encode(row, self, largeThreshold, generation, withPresences).json());
    }

    private Snapshot encode(GuildRow row, Member self, int largeThreshold, long generation, boolean withPresences) {
        List<Role> roles = guilds.roles(row.id());
        List<Channel> all = channels.inGuild(row.id());
        GuildAccess access = access(row, roles, all);
        permissions.prime(access, generation);
        Instant now = clock.instant();
        MemberAccess me = new MemberAccess(self.user().id(), self.roles(),
                self.communicationDisabledUntil() == null ? Instant.EPOCH : self.communicationDisabledUntil().toInstant());
        List<Channel> visible = all.stream().filter(c -> access.canView(me, c.id(), now)).toList();

        Guild guild = row.toGuild(roles);
        int count = members.count(row.id());
        // Past LARGE_GUILD_MEMBERS: the caller and online members (at most large_threshold of them,
        // so the opening burst stays bounded); the rest through op 8 and the member lists (op 14/37).
        boolean lazy = count > largeGuildMembers;
        boolean large = lazy || count > largeThreshold;
        List<Member> list = lazy ? withSelf(online(row.id(), largeThreshold), self)
                : large ? List.of(self) : withSelf(members.list(row.id(), 0, largeThreshold), self);
        GuildCreate create = GuildCreate.of(guild, self.joinedAt(), large, Math.max(count, list.size()), list, visible);
        if (withPresences) create = create.withPresences(presencesOf(list));
        return new Snapshot(Json.write(create), lazy && !Boolean.TRUE.equals(self.user().bot()));
    }

    /** At most {@code limit} members who are not offline, by user id, read a page at a time until found. */
    private List<Member> online(long guildId, int limit) {
        Optional<List<Long>> held = recorder.onlineIfHeld(guildId, limit);
        if (held.isPresent()) {
            // The node's member list, kept by the routed events: no pass over the member table.
            List<Member> found = new ArrayList<>(held.get().size());
            List<Long> ids = held.get();
            for (int i = 0; i < ids.size(); i += MemberRepository.MAX_IDS) {
                found.addAll(members.findAll(guildId, ids.subList(i, Math.min(ids.size(), i + MemberRepository.MAX_IDS))));
            }
            found.sort(java.util.Comparator.comparingLong(m -> m.user().id()));
            return found;
        }
        // Otherwise page the members in user id order, keeping those not offline, until enough are found.
        List<Member> found = new ArrayList<>();
        long after = 0;
        while (found.size() < limit) {
            List<Member> page = members.list(guildId, after, MEMBER_PAGE);
            Map<Long, String> visible = presences.apply(page.stream().map(m -> m.user().id()).toList());
            for (Member m : page) {
                if (visible.containsKey(m.user().id()) && found.size() < limit) found.add(m);
            }
            if (page.size() < MEMBER_PAGE) break;
            after = page.getLast().user().id();
        }
        return found;
    }

    private List<Object> presencesOf(List<Member> list) {
        List<Long> ids = list.stream().map(m -> m.user().id()).toList();
        List<Object> out = new ArrayList<>();
        presences.apply(ids).forEach((user, json) -> out.add(Json.parse(PresenceService.entry(user, json))));
        return out;
    }

    static GuildAccess access(GuildRow row, List<Role> roles, List<Channel> channels) {
        Map<Long, Long> rolePermissions = new HashMap<>();
        roles.forEach(r -> rolePermissions.put(r.id(), r.permissions()));
        Map<Long, List<Overwrite>> overwrites = new HashMap<>();
        channels.forEach(c -> overwrites.put(c.id(), c.permissionOverwrites()));
        return new GuildAccess(row.id(), row.ownerId(), rolePermissions, overwrites);
    }

    /** Members who joined between the count and the list can push the caller out of a full page. */
    private static List<Member> withSelf(List<Member> page, Member self) {
        if (page.stream().anyMatch(m -> m.user().id() == self.user().id())) return page;
        List<Member> list = new ArrayList<>(page);
        list.add(self);
        return list;
    }
}
