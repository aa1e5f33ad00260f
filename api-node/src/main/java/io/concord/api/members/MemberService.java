package io.concord.api.members;

import io.concord.api.access.AccessService;
import io.concord.api.access.GuildContext;
import io.concord.api.audit.AuditAction;
import io.concord.api.audit.AuditChange;
import io.concord.api.audit.AuditChanges;
import io.concord.api.audit.AuditEntry;
import io.concord.api.audit.AuditFields;
import io.concord.api.audit.AuditLog;
import io.concord.api.events.EventPublisher;
import io.concord.common.error.BadRequest;
import io.concord.common.error.InvalidForm;
import io.concord.common.error.MissingPermissions;
import io.concord.common.error.NotFound;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.GuildRow;
import io.concord.common.guild.MemberRepository;
import io.concord.common.guild.MemberRepository.MemberEdit;
import io.concord.common.json.Json;
import io.concord.common.model.Member;
import io.concord.common.model.Role;
import io.concord.common.permission.GuildAccess.MemberAccess;
import io.concord.common.permission.Hierarchy;
import io.concord.common.permission.Permission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.statement.StatementException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading and editing guild members: nicknames, roles, timeouts, voice mute/deafen flags, and
 * leaving a guild. Every permission and hierarchy check passes before anything is written, so a
 * refused request changes nothing.
 */
public final class MemberService {
    /** Discord's longest timeout. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(28);
    /** Discord's 50055, which it answers to an owner trying to leave their own guild. */
    static final int INVALID_GUILD = 50055;
    private final GuildRepository guilds;
    private final MemberRepository members;
    private final AccessService access;
    private final EventPublisher events;
    private final Clock clock;
    private final AuditLog audit;

    public MemberService(GuildRepository guilds, MemberRepository members, AccessService access, EventPublisher events, Clock clock, AuditLog audit) {
        this.guilds = guilds;
        this.members = members;
        this.access = access;
        this.events = events;
        this.clock = clock;
        this.audit = audit;
    }

    public List<ObjectNode> list(long callerId, long guildId, long afterUserId, int limit) {
        access.guild(callerId, guildId);
        return members.list(guildId, afterUserId, limit).stream().map(MemberViews::member).toList();
    }

    public List<ObjectNode> search(long callerId, long guildId, String query, int limit) {
        access.guild(callerId, guildId);
        return members.search(guildId, query, limit).stream().map(MemberViews::member).toList();
    }

    public ObjectNode get(long callerId, long guildId, long userId) {
        access.guild(callerId, guildId);
        return MemberViews.member(target(guildId, userId));
    }

    public ObjectNode update(long callerId, long guildId, long targetId, MemberUpdate update, Optional<String> reason) {
        GuildContext ctx = access.guild(callerId, guildId);
        Member target = target(guildId, targetId);
        Instant now = clock.instant();
        if (update.timeout() != null && update.timeout().toInstant().isAfter(now.plus(MAX_TIMEOUT))) {
            throw InvalidForm.of("communication_disabled_until", "DATE_TYPE_MAX", "Timeouts cannot be longer than 28 days.");
        }
        Map<Long, Role> roles = ctx.roles().stream().collect(Collectors.toMap(Role::id, Function.identity()));
        Hierarchy hierarchy = ctx.hierarchy();
        MemberAccess actor = ctx.member();
        MemberAccess subject = MemberRepository.access(target);
        long perms = ctx.permissions();
        boolean self = callerId == targetId;

        if (update.setNick()) {
            if (self) {
                if (!has(perms, Permission.CHANGE_NICKNAME) && !has(perms, Permission.MANAGE_NICKNAMES)) throw new MissingPermissions();
            } else {
                require(perms, Permission.MANAGE_NICKNAMES);
                if (!hierarchy.canModerate(actor, perms, subject)) throw new MissingPermissions();
            }
        }
        Set<Long> newRoles = null;
        if (update.roles() != null) {
            require(perms, Permission.MANAGE_ROLES);
            newRoles = new LinkedHashSet<>();
            for (long id : update.roles()) {
                if (id == guildId) continue; // @everyone is implicit: Discord ignores it here
                if (!roles.containsKey(id)) throw new NotFound(NotFound.Resource.ROLE);
                newRoles.add(id);
            }
            Set<Long> changed = new HashSet<>(newRoles);
            changed.removeAll(target.roles());
            for (long held : target.roles()) if (!newRoles.contains(held)) changed.add(held);
            for (long id : changed) {
                Role role = roles.get(id);
                if (role != null) checkManageable(hierarchy, actor, perms, role); // null: deleted meanwhile, nothing to guard
            }
        }
        if (update.setTimeout()) {
            require(perms, Permission.MODERATE_MEMBERS);
            boolean timingOut = update.timeout() != null && update.timeout().toInstant().isAfter(now);
            long targetPerms = ctx.access().guildPermissions(subject, now);
            if (timingOut && (hierarchy.isOwner(targetId) || has(targetPerms, Permission.ADMINISTRATOR))) throw new MissingPermissions();
            if (!hierarchy.canModerate(actor, perms, subject)) throw new MissingPermissions();
        }
        if (update.mute() != null) require(perms, Permission.MUTE_MEMBERS);
        if (update.deaf() != null) require(perms, Permission.DEAFEN_MEMBERS);

        MemberEdit edit = new MemberEdit(update.setNick(), update.nick(), newRoles, update.setTimeout(), update.timeout(),
                update.mute(), update.deaf());
        Member after = store(() -> members.edit(guildId, targetId, edit))
                .orElseThrow(() -> new NotFound(NotFound.Resource.MEMBER));
        if (!after.equals(target)) {
            publishUpdate(guildId, after);
            auditUpdate(callerId, guildId, targetId, target, after, roles, reason);
        }
        return MemberViews.member(after);
    }

    /** {@code PATCH /guilds/{g}/members/@me}: only the nickname. */
    public ObjectNode updateSelf(long callerId, long guildId, MemberUpdate update, Optional<String> reason) {
        return update(callerId, guildId, callerId, MemberUpdate.nickOnly(update.setNick(), update.nick()), reason);
    }

    /** Grants ({@code add}) or revokes a role; repeating either changes nothing and publishes nothing. */
    public void setRole(long callerId, long guildId, long targetId, long roleId, boolean add, Optional<String> reason) {
        GuildContext ctx = access.guild(callerId, guildId);
        require(ctx.permissions(), Permission.MANAGE_ROLES);
        target(guildId, targetId);
        Role role = ctx.role(roleId).filter(r -> roleId != guildId).orElseThrow(() -> new NotFound(NotFound.Resource.ROLE));
        checkManageable(ctx.hierarchy(), ctx.member(), ctx.permissions(), role);
        boolean changed = store(() -> add ? members.addRole(guildId, targetId, roleId) : members.removeRole(guildId, targetId, roleId));
        if (!changed) return;
        members.find(guildId, targetId).ifPresent(m -> publishUpdate(guildId, m));
        audit.record(new AuditEntry(guildId, callerId, AuditAction.MEMBER_ROLE_UPDATE, targetId,
                List.of(new AuditChange(add ? "$add" : "$remove", null, AuditFields.partialRoles(List.of(role)))), Map.of(), reason));
    }

    /** MEMBER_UPDATE for the nickname, voice flags and timeout; MEMBER_ROLE_UPDATE ({@code $add}/{@code $remove}) for roles. */
    private void auditUpdate(long callerId, long guildId, long targetId, Member before, Member after, Map<Long, Role> roles, Optional<String> reason) {
        var changes = AuditChanges.between(AuditFields.member(before), AuditFields.member(after));
        if (!changes.isEmpty()) audit.record(new AuditEntry(guildId, callerId, AuditAction.MEMBER_UPDATE, targetId, changes, Map.of(), reason));
        List<Role> added = after.roles().stream().filter(r -> !before.roles().contains(r)).map(roles::get).filter(r -> r != null).toList();
        List<Role> removed = before.roles().stream().filter(r -> !after.roles().contains(r)).map(roles::get).filter(r -> r != null).toList();
        List<AuditChange> roleChanges = new ArrayList<>();
        if (!added.isEmpty()) roleChanges.add(new AuditChange("$add", null, AuditFields.partialRoles(added)));
        if (!removed.isEmpty()) roleChanges.add(new AuditChange("$remove", null, AuditFields.partialRoles(removed)));
        if (!roleChanges.isEmpty()) {
            audit.record(new AuditEntry(guildId, callerId, AuditAction.MEMBER_ROLE_UPDATE, targetId, roleChanges, Map.of(), reason));
        }
    }

    /** {@code DELETE /users/@me/guilds/{g}}. The owner cannot leave: Discord answers 400 50055 Invalid Guild. */
    public void leave(long callerId, long guildId) {
        GuildRow guild = guilds.find(guildId).orElseThrow(() -> new NotFound(NotFound.Resource.GUILD));
        Member member = members.find(guildId, callerId).orElseThrow(() -> new NotFound(NotFound.Resource.GUILD));
        if (guild.ownerId() == callerId) throw new BadRequest(INVALID_GUILD, "Invalid Guild");
        if (!members.remove(guildId, callerId)) return; // a concurrent leave already announced it
        ObjectNode payload = Json.object();
        payload.put("guild_id", Long.toString(guildId));
        payload.set("user", MemberViews.user(member.user()));
        events.publish("GUILD_MEMBER_REMOVE", guildId, 0, List.of(callerId), payload);
    }

    /** After a profile change: GUILD_MEMBER_UPDATE in each guild of the user, since the member object embeds the user. */
    public void announceProfile(long userId) {
        for (GuildRow g : guilds.guildsOf(userId)) {
            members.find(g.id(), userId).ifPresent(m -> publishUpdate(g.id(), m));
        }
    }

    private void publishUpdate(long guildId, Member m) {
        events.publish("GUILD_MEMBER_UPDATE", guildId, 0, List.of(), MemberViews.memberEvent(guildId, m));
    }

    private Member target(long guildId, long userId) {
        return members.find(guildId, userId).orElseThrow(() -> new NotFound(NotFound.Resource.MEMBER));
    }

    /** Managed roles (bots', integrations') belong to Discord itself: nobody grants or revokes them. */
    private static void checkManageable(Hierarchy hierarchy, MemberAccess actor, long perms, Role role) {
        if (role.managed() || !hierarchy.canManageRole(actor, perms, role.id())) throw new MissingPermissions();
    }

    private static boolean has(long perms, long bit) {
        return Permission.hasAll(perms, bit);
    }

    private static void require(long perms, long bit) {
        if (!has(perms, bit)) throw new MissingPermissions();
    }

    /** A role deleted between the check and the write breaks the foreign key: that is an unknown role, not a 500. */
    private static <T> T store(Supplier<T> write) {
        try {
            return write.get();
        } catch (StatementException e) {
            if (e.getCause() instanceof java.sql.SQLException s && "23503".equals(s.getSQLState())) {
                throw new NotFound(NotFound.Resource.ROLE);
            }
            throw e;
        }
    }
}
