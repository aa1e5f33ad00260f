package io.concord.api.roles;

import io.concord.api.access.AccessService;
import io.concord.api.access.GuildContext;
import io.concord.api.audit.AuditAction;
import io.concord.api.audit.AuditChanges;
import io.concord.api.audit.AuditEntry;
import io.concord.api.audit.AuditFields;
import io.concord.api.audit.AuditLog;
import io.concord.api.events.EventPublisher;
import io.concord.common.error.BadRequest;
import io.concord.common.error.InvalidForm;
import io.concord.common.error.MissingPermissions;
import io.concord.common.error.NotFound;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.model.Role;
import io.concord.common.permission.Hierarchy;
import io.concord.common.permission.Permission;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Guild roles under Discord's hierarchy rules ({@link Hierarchy}): MANAGE_ROLES, and without owner or
 * ADMINISTRATOR only roles strictly below one's highest role and only permissions one holds.
 * @everyone keeps its name and position; managed (integration) roles keep their name and cannot be deleted.
 * Every change is a guild-wide event ({@code channelId} 0).
 */
public final class RoleService {
    /** Discord's cap on roles per guild, @everyone included. */
    static final int MAX_ROLES = 250;
    static final int MAX_ROLES_CODE = 30005;
    static final int INVALID_ROLE_CODE = 50028;
    private final GuildRepository guilds;
    private final ChannelRepository channels;
    private final AccessService access;
    private final EventPublisher events;
    private final SnowflakeGenerator ids;
    private final AuditLog audit;

    public RoleService(GuildRepository guilds, ChannelRepository channels, AccessService access, EventPublisher events,
                       SnowflakeGenerator ids, AuditLog audit) {
        this.guilds = guilds;
        this.channels = channels;
        this.access = access;
        this.events = events;
        this.ids = ids;
        this.audit = audit;
    }

    public List<Role> list(long userId, long guildId) {
        return access.guild(userId, guildId).roles();
    }

    public Role get(long userId, long guildId, long roleId) {
        access.guild(userId, guildId);
        return guilds.role(guildId, roleId).orElseThrow(() -> new NotFound(NotFound.Resource.ROLE));
    }

    public Role create(long userId, long guildId, RoleEdit edit, Optional<String> reason) {
        GuildContext ctx = access.guild(userId, guildId, Permission.MANAGE_ROLES);
        Hierarchy hierarchy = ctx.hierarchy();
        long everyonePermissions = ctx.access().rolePermissions().getOrDefault(guildId, 0L);
        long permissions = edit.permissions().orElse(everyonePermissions);
        if (!hierarchy.canGrant(ctx.member(), ctx.permissions(), permissions)) throw new MissingPermissions();
        int primary = edit.primaryColor().orElse(0);
        Role role = new Role(ids.next(), edit.name().filter(n -> !n.isEmpty()).orElse("new role"), primary,
                new Role.Colors(primary, edit.secondaryColor().orElse(null), edit.tertiaryColor().orElse(null)),
                edit.hoist().orElse(false), null, edit.unicodeEmoji().orElse(null), 1, permissions, false,
                edit.mentionable().orElse(false), 0, null);
        if (!guilds.createRoleAtBottom(guildId, role, MAX_ROLES)) {
            throw new BadRequest(MAX_ROLES_CODE, "Maximum number of guild roles reached (" + MAX_ROLES + ")");
        }
        events.publish("GUILD_ROLE_CREATE", guildId, 0, List.of(), Map.of("guild_id", Long.toString(guildId), "role", role));
        audit.record(new AuditEntry(guildId, userId, AuditAction.ROLE_CREATE, role.id(), AuditChanges.created(AuditFields.role(role)),
                Map.of(), reason));
        return role;
    }

    public Role update(long userId, long guildId, long roleId, RoleEdit edit, Optional<String> reason) {
        GuildContext ctx = access.guild(userId, guildId, Permission.MANAGE_ROLES);
        Role old = ctx.role(roleId).orElseThrow(() -> new NotFound(NotFound.Resource.ROLE));
        Hierarchy hierarchy = ctx.hierarchy();
        if (!hierarchy.canManageRole(ctx.member(), ctx.permissions(), roleId)) throw new MissingPermissions();
        long permissions = edit.permissions().orElse(old.permissions());
        if (!hierarchy.canGrant(ctx.member(), ctx.permissions(), permissions & ~old.permissions())) throw new MissingPermissions();
        boolean renamed = edit.name().isPresent() && !edit.name().get().equals(old.name());
        if (renamed && old.isEveryone(guildId)) throw InvalidForm.of("name", "ROLE_NAME_IMMUTABLE", "The @everyone role cannot be renamed.");
        if (renamed && old.managed()) throw new MissingPermissions();
        if (renamed && edit.name().get().isEmpty()) throw InvalidForm.of("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        int primary = edit.primaryColor().orElse(old.colors().primaryColor());
        Integer secondary = edit.clearSecondary() ? null : edit.secondaryColor().orElse(old.colors().secondaryColor());
        Integer tertiary = edit.clearTertiary() || secondary == null ? null : edit.tertiaryColor().orElse(old.colors().tertiaryColor());
        Role updated = new Role(old.id(), edit.name().orElse(old.name()), primary, new Role.Colors(primary, secondary, tertiary),
                edit.hoist().orElse(old.hoist()), old.icon(), edit.clearEmoji() ? null : edit.unicodeEmoji().orElse(old.unicodeEmoji()),
                old.position(), permissions, old.managed(), edit.mentionable().orElse(old.mentionable()), old.flags(), old.tags());
        if (!updated.equals(old)) {
            guilds.updateRole(guildId, updated);
            events.publish("GUILD_ROLE_UPDATE", guildId, 0, List.of(), Map.of("guild_id", Long.toString(guildId), "role", updated));
            var changes = AuditChanges.between(AuditFields.role(old), AuditFields.role(updated));
            if (!changes.isEmpty()) audit.record(new AuditEntry(guildId, userId, AuditAction.ROLE_UPDATE, roleId, changes, Map.of(), reason));
        }
        return updated;
    }

    public void delete(long userId, long guildId, long roleId, Optional<String> reason) {
        GuildContext ctx = access.guild(userId, guildId, Permission.MANAGE_ROLES);
        Role role = ctx.role(roleId).orElseThrow(() -> new NotFound(NotFound.Resource.ROLE));
        if (role.isEveryone(guildId) || role.managed()) throw new BadRequest(INVALID_ROLE_CODE, "Invalid Role");
        if (!ctx.hierarchy().canManageRole(ctx.member(), ctx.permissions(), roleId)) throw new MissingPermissions();
        List<Long> touched = guilds.deleteRole(guildId, roleId);
        events.publish("GUILD_ROLE_DELETE", guildId, 0, List.of(),
                Map.of("guild_id", Long.toString(guildId), "role_id", Long.toString(roleId)));
        audit.record(new AuditEntry(guildId, userId, AuditAction.ROLE_DELETE, roleId, AuditChanges.deleted(AuditFields.role(role)),
                Map.of(), reason));
        for (long channelId : touched) {
            channels.find(channelId).ifPresent(c -> events.publish("CHANNEL_UPDATE", guildId, channelId, List.of(), c));
        }
    }

    /**
     * {@code PATCH /guilds/{id}/roles}: the listed roles move to the given positions and the rest close up
     * around them, numbered 1..n above @everyone. Without owner or ADMINISTRATOR one may only move roles
     * below one's highest role, to positions below it.
     */
    public List<Role> reorder(long userId, long guildId, List<RolePositions.Move> moves) {
        GuildContext ctx = access.guild(userId, guildId, Permission.MANAGE_ROLES);
        List<Role> roles = ctx.roles();
        Hierarchy hierarchy = ctx.hierarchy();
        RolePositions plan = RolePositions.plan(guildId, roles, moves);
        if (!hierarchy.bypasses(ctx.member(), ctx.permissions())) {
            long highest = hierarchy.highestRole(ctx.member());
            int ceiling = roles.stream().filter(r -> r.id() == highest).mapToInt(Role::position).findFirst().orElse(0);
            for (RolePositions.Move m : moves) {
                if (!hierarchy.canManageRole(ctx.member(), ctx.permissions(), m.roleId()) || m.position() >= ceiling) {
                    throw new MissingPermissions();
                }
            }
        }
        if (!plan.changed().isEmpty()) {
            guilds.setRolePositions(guildId, plan.positions());
            for (Role r : plan.changed()) {
                events.publish("GUILD_ROLE_UPDATE", guildId, 0, List.of(), Map.of("guild_id", Long.toString(guildId), "role", r));
            }
        }
        return plan.all();
    }
}
