package io.concord.api.oauth2;

import io.concord.api.access.AccessService;
import io.concord.api.access.GuildContext;
import io.concord.api.audit.AuditAction;
import io.concord.api.audit.AuditEntry;
import io.concord.api.audit.AuditLog;
import io.concord.api.events.EventPublisher;
import io.concord.api.guilds.GuildService;
import io.concord.common.application.ApplicationRepository;
import io.concord.common.application.ApplicationRow;
import io.concord.common.error.BadRequest;
import io.concord.common.error.BotsForbidden;
import io.concord.common.error.Forbidden;
import io.concord.common.error.MissingPermissions;
import io.concord.common.error.NotFound;
import io.concord.common.auth.Principal;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.json.Json;
import io.concord.common.model.Role;
import io.concord.common.permission.Permission;
import io.concord.common.user.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import tools.jackson.databind.node.ObjectNode;

/**
 * The "add bot" half of OAuth2: a member with MANAGE_GUILD adds an application's bot to the guild,
 * with a managed role holding the permissions asked for (only ones the member holds, unless they
 * are the owner or an administrator), placed at position 1 as new roles are.
 */
public final class BotAuthorizationService {
    static final int MANAGED_ROLE_POSITION = 1;
    /** Discord's cap on roles per guild, @everyone included. */
    static final int MAX_ROLES = 250;
    private final ApplicationRepository applications;
    private final UserRepository users;
    private final AccessService access;
    private final GuildService guildService;
    private final EventPublisher events;
    private final BotInstallRepository installs;
    private final SnowflakeGenerator ids;
    private final Clock clock;
    private final AuditLog audit;

    public BotAuthorizationService(Jdbi jdbi, ApplicationRepository applications, UserRepository users,
                                   AccessService access, GuildService guildService, EventPublisher events, SnowflakeGenerator ids, Clock clock,
                                   AuditLog audit) {
        this.applications = applications;
        this.users = users;
        this.access = access;
        this.guildService = guildService;
        this.events = events;
        this.installs = new BotInstallRepository(jdbi);
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    /** Where the client goes next, as Discord's {@code {location}}. */
    public Map<String, Object> authorize(Principal caller, BotAuthorization request, Optional<String> reason) {
        if (caller.bot()) throw new BotsForbidden();
        ApplicationRow app = applications.find(request.clientId()).orElseThrow(() -> new NotFound(NotFound.Resource.APPLICATION));
        if (!request.authorize()) return Map.of("location", "/oauth2/authorized?error=access_denied");
        GuildContext ctx = access.guild(caller.userId(), request.guildId(), Permission.MANAGE_GUILD);
        if (!ctx.hierarchy().canGrant(ctx.member(), ctx.permissions(), request.permissions())) throw new MissingPermissions();
        String botName = users.byId(app.botUserId()).orElseThrow(() -> new NotFound(NotFound.Resource.APPLICATION)).username();
        Role role = Role.create(ids.next(), botName, 0, false, MANAGED_ROLE_POSITION, request.permissions(), true, false)
                .forBot(app.botUserId());
        BotInstallRepository.Outcome outcome = installs.install(request.guildId(), app.botUserId(), role, MAX_ROLES, clock.instant());
        if (outcome == BotInstallRepository.Outcome.BANNED) throw new Forbidden(40007, "The user is banned from this guild.");
        if (outcome == BotInstallRepository.Outcome.TOO_MANY_ROLES) {
            throw new BadRequest(30005, "Maximum number of guild roles reached (" + MAX_ROLES + ")");
        }
        if (outcome == BotInstallRepository.Outcome.INSTALLED) {
            ObjectNode payload = Json.object();
            payload.put("guild_id", Long.toString(request.guildId()));
            payload.set("role", Json.tree(role));
            events.publish("GUILD_ROLE_CREATE", request.guildId(), 0, List.of(), payload);
            guildService.announceMember(request.guildId(), app.botUserId());
            audit.record(new AuditEntry(request.guildId(), caller.userId(), AuditAction.BOT_ADD, app.botUserId(), List.of(), Map.of(), reason));
        }
        return Map.of("location", "/oauth2/authorized?guild_id=" + request.guildId() + "&permissions=" + Long.toUnsignedString(request.permissions()));
    }
}
