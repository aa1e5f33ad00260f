package io.concord.api.moderation;

import io.concord.api.access.AccessService;
import io.concord.api.access.GuildContext;
import io.concord.api.audit.AuditAction;
import io.concord.api.audit.AuditEntry;
import io.concord.api.audit.AuditLog;
import io.concord.api.events.EventPublisher;
import io.concord.api.members.MemberViews;
import io.concord.api.messages.BulkDeleteService;
import io.concord.common.error.BadRequest;
import io.concord.common.error.MissingPermissions;
import io.concord.common.error.NotFound;
import io.concord.common.guild.MemberRepository;
import io.concord.common.json.Json;
import io.concord.common.model.Member;
import io.concord.common.model.User;
import io.concord.common.permission.Permission;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kicks and bans, bound by the role hierarchy (owner and administrators excepted, nobody acts on the
 * owner). Every check passes before anything is written, so a refusal changes and records nothing.
 * A removed member's sessions drop the guild when the ws-node routes GUILD_MEMBER_REMOVE (it sends
 * them GUILD_DELETE); everyone else hears GUILD_MEMBER_REMOVE and GUILD_BAN_ADD / GUILD_BAN_REMOVE.
 */
public final class ModerationService {
    /** Discord's 500000, answered to a bulk ban that banned nobody. */
    static final int FAILED_TO_BAN_USERS = 500000;
    private final BanRepository bans;
    private final MemberRepository members;
    private final UserRepository users;
    private final AccessService access;
    private final EventPublisher events;
    private final BulkDeleteService bulkDelete;
    private final AuditLog audit;
    private final Clock clock;

    public ModerationService(BanRepository bans, MemberRepository members, UserRepository users, AccessService access,
                             EventPublisher events, BulkDeleteService bulkDelete, AuditLog audit, Clock clock) {
        this.bans = bans;
        this.members = members;
        this.users = users;
        this.access = access;
        this.events = events;
        this.bulkDelete = bulkDelete;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code DELETE /guilds/{g}/members/{u}} (KICK_MEMBERS). */
    public void kick(long callerId, long guildId, long targetId, Optional<String> reason) {
        GuildContext ctx = access.guild(callerId, guildId, Permission.KICK_MEMBERS);
        Member target = members.find(guildId, targetId).orElseThrow(() -> new NotFound(NotFound.Resource.MEMBER));
        if (!mayModerate(ctx, target)) throw new MissingPermissions();
        if (!members.remove(guildId, targetId)) return; // a concurrent kick, ban or leave already announced it
        memberRemoved(guildId, target.user());
        audit.record(new AuditEntry(guildId, callerId, AuditAction.MEMBER_KICK, targetId, List.of(), Map.of(), reason));
    }

    /**
     * {@code PUT /guilds/{g}/bans/{u}} (BAN_MEMBERS). A user who is not a member may be banned too;
     * banning again changes nothing but still deletes the window's messages, as Discord does.
     */
    public void ban(long callerId, long guildId, long targetId, int deleteMessageSeconds, Optional<String> reason) {
        GuildContext ctx = access.guild(callerId, guildId, Permission.BAN_MEMBERS);
        User user = users.byId(targetId).map(UserRow::toUser).orElseThrow(() -> new NotFound(NotFound.Resource.USER));
        if (!mayBan(ctx, targetId, members.find(guildId, targetId))) throw new MissingPermissions();
        Instant now = clock.instant();
        BanRepository.Outcome outcome = bans.ban(guildId, targetId, reason, now);
        announceBan(guildId, user, outcome);
        if (deleteMessageSeconds > 0) bulkDelete.purgeAuthors(guildId, Set.of(targetId), now.minusSeconds(deleteMessageSeconds));
        if (outcome.newBan()) audit.record(new AuditEntry(guildId, callerId, AuditAction.MEMBER_BAN_ADD, targetId, List.of(), Map.of(), reason));
    }

    /** The outcome of a bulk ban, as Discord answers it. */
    public record BulkBan(List<Long> banned, List<Long> failed) {}

    /**
     * {@code POST /guilds/{g}/bulk-ban} (BAN_MEMBERS and MANAGE_GUILD): bans each user who may be
     * banned and is not already; the rest are listed as failed. None banned is 400 500000.
     */
    public BulkBan bulkBan(long callerId, long guildId, List<Long> userIds, int deleteMessageSeconds, Optional<String> reason) {
        GuildContext ctx = access.guild(callerId, guildId, Permission.BAN_MEMBERS | Permission.MANAGE_GUILD);
        Map<Long, UserRow> known = users.byIds(userIds);
        Set<Long> alreadyBanned = bans.bannedAmong(guildId, userIds);
        Map<Long, Member> asMembers = new HashMap<>();
        for (int i = 0; i < userIds.size(); i += MemberRepository.MAX_IDS) {
            members.findAll(guildId, userIds.subList(i, Math.min(userIds.size(), i + MemberRepository.MAX_IDS)))
                    .forEach(m -> asMembers.put(m.user().id(), m));
        }
        List<Long> candidates = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        for (long id : userIds) {
            boolean ok = known.containsKey(id) && !alreadyBanned.contains(id) && mayBan(ctx, id, Optional.ofNullable(asMembers.get(id)));
            (ok ? candidates : failed).add(id);
        }
        if (candidates.isEmpty()) throw new BadRequest(FAILED_TO_BAN_USERS, "Failed to ban users");
        Instant now = clock.instant();
        List<Long> banned = new ArrayList<>();
        for (long id : candidates) {
            BanRepository.Outcome outcome = bans.ban(guildId, id, reason, now);
            if (!outcome.newBan()) {
                failed.add(id); // banned by someone else meanwhile
                if (outcome.memberRemoved()) memberRemoved(guildId, known.get(id).toUser());
                continue;
            }
            announceBan(guildId, known.get(id).toUser(), outcome);
            banned.add(id);
        }
        if (deleteMessageSeconds > 0 && !banned.isEmpty()) {
            bulkDelete.purgeAuthors(guildId, new LinkedHashSet<>(banned), now.minusSeconds(deleteMessageSeconds));
        }
        for (long id : banned) audit.record(new AuditEntry(guildId, callerId, AuditAction.MEMBER_BAN_ADD, id, List.of(), Map.of(), reason));
        if (banned.isEmpty()) throw new BadRequest(FAILED_TO_BAN_USERS, "Failed to ban users");
        return new BulkBan(banned, failed);
    }

    /** {@code DELETE /guilds/{g}/bans/{u}} (BAN_MEMBERS); no such ban is 404 10026. */
    public void unban(long callerId, long guildId, long targetId, Optional<String> reason) {
        access.guild(callerId, guildId, Permission.BAN_MEMBERS);
        BanRepository.Ban ban = bans.find(guildId, targetId).orElseThrow(() -> new NotFound(NotFound.Resource.BAN));
        if (!bans.unban(guildId, targetId)) throw new NotFound(NotFound.Resource.BAN);
        events.publish("GUILD_BAN_REMOVE", guildId, 0, List.of(), guildUser(guildId, ban.user()));
        audit.record(new AuditEntry(guildId, callerId, AuditAction.MEMBER_BAN_REMOVE, targetId, List.of(), Map.of(), reason));
    }

    /** {@code GET /guilds/{g}/bans/{u}} (BAN_MEMBERS). */
    public ObjectNode get(long callerId, long guildId, long userId) {
        access.guild(callerId, guildId, Permission.BAN_MEMBERS);
        return view(bans.find(guildId, userId).orElseThrow(() -> new NotFound(NotFound.Resource.BAN)));
    }

    /** {@code GET /guilds/{g}/bans} (BAN_MEMBERS), by user id. */
    public List<ObjectNode> list(long callerId, long guildId, long before, long after, int limit) {
        access.guild(callerId, guildId, Permission.BAN_MEMBERS);
        return bans.list(guildId, before, after, limit).stream().map(ModerationService::view).toList();
    }

    /**
     * Nobody acts on the owner or on themselves (leaving is {@code DELETE /users/@me/guilds/{g}}); on
     * a member only from above in the hierarchy, owner and administrators excepted.
     */
    private static boolean mayModerate(GuildContext ctx, Member target) {
        if (target.user().id() == ctx.member().userId()) return false;
        return ctx.hierarchy().canModerate(ctx.member(), ctx.permissions(), MemberRepository.access(target));
    }

    /** A non-member has no roles to outrank, but the owner is always a member, so they stay untouchable. */
    private static boolean mayBan(GuildContext ctx, long targetId, Optional<Member> member) {
        if (ctx.hierarchy().isOwner(targetId) || targetId == ctx.member().userId()) return false;
        return member.map(m -> mayModerate(ctx, m)).orElse(true);
    }

    private void announceBan(long guildId, User user, BanRepository.Outcome outcome) {
        if (outcome.memberRemoved()) memberRemoved(guildId, user);
        if (outcome.newBan()) events.publish("GUILD_BAN_ADD", guildId, 0, List.of(), guildUser(guildId, user));
    }

    /** Addressed to the removed user too: their ws-node drops the guild from their sessions with GUILD_DELETE. */
    private void memberRemoved(long guildId, User user) {
        events.publish("GUILD_MEMBER_REMOVE", guildId, 0, List.of(user.id()), guildUser(guildId, user));
    }

    private static ObjectNode guildUser(long guildId, User user) {
        ObjectNode payload = Json.object();
        payload.put("guild_id", Long.toString(guildId));
        payload.set("user", MemberViews.user(user));
        return payload;
    }

    private static ObjectNode view(BanRepository.Ban ban) {
        ObjectNode json = Json.object();
        if (ban.reason().isPresent()) json.put("reason", ban.reason().get());
        else json.putNull("reason");
        json.set("user", MemberViews.user(ban.user()));
        return json;
    }
}
