package io.concord.api.invites;

import io.concord.api.access.AccessService;
import io.concord.api.access.ChannelContext;
import io.concord.api.access.GuildContext;
import io.concord.common.error.Forbidden;
import io.concord.api.audit.AuditAction;
import io.concord.api.audit.AuditChanges;
import io.concord.api.audit.AuditEntry;
import io.concord.api.audit.AuditLog;
import io.concord.common.error.MissingPermissions;
import io.concord.api.moderation.BanRepository;
import io.concord.common.model.ChannelType;
import io.concord.api.events.EventPublisher;
import io.concord.api.guilds.GuildService;
import io.concord.common.error.NotFound;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.model.Channel;
import io.concord.common.permission.Permission;
import io.concord.common.user.UserRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Invite codes: create (CREATE_INSTANT_INVITE), look up, and join a guild through one. */
public final class InviteService {
    /** Discord's answer to a banned user joining: 403 40007. */
    private static final java.util.function.Supplier<Forbidden> BANNED = () -> new Forbidden(40007, "The user is banned from this guild.");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private final InviteRepository invites;
    private final GuildRepository guilds;
    private final ChannelRepository channels;
    private final MemberRepository members;
    private final UserRepository users;
    private final AccessService access;
    private final GuildService guildService;
    private final EventPublisher events;
    private final Clock clock;
    private final BanRepository bans;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    public InviteService(Jdbi jdbi, GuildRepository guilds, ChannelRepository channels, MemberRepository members, UserRepository users,
                         AccessService access, GuildService guildService, EventPublisher events, BanRepository bans, Clock clock, AuditLog audit) {
        this.invites = new InviteRepository(jdbi);
        this.bans = bans;
        this.guilds = guilds;
        this.channels = channels;
        this.members = members;
        this.users = users;
        this.access = access;
        this.guildService = guildService;
        this.events = events;
        this.clock = clock;
        this.audit = audit;
    }

    public Map<String, Object> create(long userId, long channelId, int maxAge, int maxUses, boolean temporary, Optional<String> reason) {
        ChannelContext ctx = access.channel(userId, channelId, Permission.CREATE_INSTANT_INVITE);
        int type = ctx.channel().type();
        if (type != ChannelType.GUILD_TEXT && type != ChannelType.GUILD_VOICE && type != ChannelType.GUILD_ANNOUNCEMENT) {
            throw new io.concord.common.error.BadRequest(50024, "Cannot execute action on this channel type");
        }
        Instant now = clock.instant();
        Optional<Instant> expires = maxAge == 0 ? Optional.empty() : Optional.of(now.plusSeconds(maxAge));
        InviteRow row;
        do {
            row = new InviteRow(code(), ctx.guildId(), channelId, userId, maxAge, maxUses, 0, temporary, now, expires);
        } while (!invites.insert(row));
        Map<String, Object> body = view(row);
        events.publish("INVITE_CREATE", ctx.guildId(), channelId, List.of(), Map.of(
                "code", row.code(), "guild_id", Long.toString(row.guildId()), "channel_id", Long.toString(channelId),
                "inviter", body.get("inviter"), "max_age", maxAge, "max_uses", maxUses, "uses", 0, "temporary", temporary,
                "created_at", body.get("created_at")));
        audit.record(new AuditEntry(row.guildId(), userId, AuditAction.INVITE_CREATE, 0, AuditChanges.created(auditFields(row)), Map.of(), reason));
        return body;
    }

    /** {@code GET /channels/{id}/invites}: MANAGE_CHANNELS in the channel; expired invites are left out. */
    public List<Map<String, Object>> listChannel(long userId, long channelId) {
        ChannelContext ctx = access.channel(userId, channelId, Permission.MANAGE_CHANNELS);
        return invites.list(ctx.guildId(), channelId).stream().filter(i -> i.usable(clock.instant())).map(this::view).toList();
    }

    /** {@code GET /guilds/{id}/invites}: MANAGE_GUILD; expired invites are left out. */
    public List<Map<String, Object>> listGuild(long userId, long guildId) {
        access.guild(userId, guildId, Permission.MANAGE_GUILD);
        return invites.list(guildId, null).stream().filter(i -> i.usable(clock.instant())).map(this::view).toList();
    }

    /**
     * {@code DELETE /invites/{code}}: MANAGE_CHANNELS in the invite's channel or MANAGE_GUILD; answers the
     * deleted invite and tells the channel (INVITE_DELETE).
     */
    public Map<String, Object> delete(long userId, String code, Optional<String> reason) {
        InviteRow row = usable(code);
        GuildContext guild = access.guild(userId, row.guildId());
        if (!Permission.hasAll(guild.permissions(), Permission.MANAGE_GUILD)) {
            long inChannel = access.permissionsIn(guild, row.channelId());
            if (!Permission.hasAll(inChannel, Permission.MANAGE_CHANNELS)) throw new MissingPermissions();
        }
        Map<String, Object> body = view(row);
        if (!invites.delete(code)) throw new NotFound(NotFound.Resource.INVITE);
        events.publish("INVITE_DELETE", row.guildId(), row.channelId(), List.of(), Map.of("channel_id", Long.toString(row.channelId()),
                "guild_id", Long.toString(row.guildId()), "code", row.code()));
        audit.record(new AuditEntry(row.guildId(), userId, AuditAction.INVITE_DELETE, 0, AuditChanges.deleted(auditFields(row)), Map.of(), reason));
        return body;
    }

    public Map<String, Object> get(String code) {
        return view(usable(code));
    }

    /**
     * Joins the invite's guild; joining a guild one is already in changes nothing. A user banned from
     * the guild is refused with Discord's 40007 and the invite is not used up.
     */
    public Map<String, Object> accept(long userId, String code) {
        InviteRow row = usable(code);
        boolean joined = false;
        if (!members.isMember(row.guildId(), userId)) {
            if (bans.isBanned(row.guildId(), userId)) throw BANNED.get();
            if (!invites.use(code, clock.instant())) throw new NotFound(NotFound.Resource.INVITE);
            BanRepository.Join join = bans.join(row.guildId(), userId, clock.instant());
            if (join == BanRepository.Join.BANNED) throw BANNED.get(); // banned between the check and the join
            joined = join == BanRepository.Join.JOINED;
            if (joined) guildService.announceMember(row.guildId(), userId);
        }
        Map<String, Object> body = view(invites.find(code).orElse(row));
        body.put("new_member", joined);
        return body;
    }

    private InviteRow usable(String code) {
        if (code == null || code.length() > 32 || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new NotFound(NotFound.Resource.INVITE);
        }
        return invites.find(code).filter(i -> i.usable(clock.instant())).orElseThrow(() -> new NotFound(NotFound.Resource.INVITE));
    }

    private Map<String, Object> view(InviteRow row) {
        var guild = guilds.find(row.guildId()).orElseThrow(() -> new NotFound(NotFound.Resource.INVITE));
        Channel channel = channels.find(row.channelId()).orElseThrow(() -> new NotFound(NotFound.Resource.INVITE));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", 0);
        body.put("code", row.code());
        body.put("guild", Map.of("id", Long.toString(guild.id()), "name", guild.name(), "features", List.of()));
        body.put("channel", Map.of("id", Long.toString(channel.id()), "name", channel.name(), "type", channel.type()));
        users.byId(row.inviterId()).ifPresent(u -> body.put("inviter", u.toUser()));
        body.put("uses", row.uses());
        body.put("max_uses", row.maxUses());
        body.put("max_age", row.maxAge());
        body.put("temporary", row.temporary());
        body.put("created_at", row.createdAt().toString());
        row.expiresAt().ifPresent(e -> body.put("expires_at", e.toString()));
        body.put("approximate_member_count", members.count(row.guildId()));
        return body;
    }

    /** An invite's fields under Discord's audit log keys. */
    private static Map<String, Object> auditFields(InviteRow row) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("code", row.code());
        f.put("channel_id", Long.toString(row.channelId()));
        f.put("inviter_id", Long.toString(row.inviterId()));
        f.put("uses", row.uses());
        f.put("max_uses", row.maxUses());
        f.put("max_age", row.maxAge());
        f.put("temporary", row.temporary());
        return f;
    }

    private String code() {
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }
}
