package io.concord.ws.gateway;

import io.concord.common.auth.Principal;
import io.concord.common.auth.TokenAuthenticator;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.GuildRow;
import io.concord.common.json.Json;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import io.concord.ws.guild.GuildSnapshots;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.SessionRegistry;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Turns an op 2 into an identified session: authenticate, register interest, then READY and one GUILD_CREATE per guild. */
public final class IdentifyService {
    private static final Logger log = LoggerFactory.getLogger(IdentifyService.class);
    private final TokenAuthenticator authenticator;
    private final UserRepository users;
    private final GuildRepository guilds;
    private final GuildSnapshots snapshots;
    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;
    private final String publicUrl;

    public IdentifyService(TokenAuthenticator authenticator, UserRepository users, GuildRepository guilds, GuildSnapshots snapshots,
                           SessionRegistry sessions, GatewayMetrics metrics, String publicUrl) {
        this.authenticator = authenticator;
        this.users = users;
        this.guilds = guilds;
        this.snapshots = snapshots;
        this.sessions = sessions;
        this.metrics = metrics;
        this.publicUrl = publicUrl;
    }

    void identify(GatewaySession session, Identify request) {
        Principal principal = authenticator.authenticate(request.token()).orElseThrow(GatewayClose::authenticationFailed);
        UserRow user = users.byId(principal.userId()).orElseThrow(GatewayClose::authenticationFailed);
        session.identified(user.id(), request.intents(), request.largeThreshold());
        MDC.put("user_id", Long.toString(user.id()));
        List<GuildRow> rows = guilds.guildsOf(user.id());
        List<Long> guildIds = rows.stream().map(GuildRow::id).toList();
        // Registered before the snapshots are read: an event relayed meanwhile is held in the outbox
        // and sent after the GUILD_CREATEs rather than lost between the read and the registration.
        if (!sessions.attach(session, guildIds)) return;
        List<Dispatch> creates = new ArrayList<>(rows.size());
        List<Long> available = new ArrayList<>(rows.size());
        for (GuildRow row : rows) {
            // A guild left since guildsOf() has no snapshot; READY must not promise it.
            snapshots.guildCreate(row, user.id(), request.largeThreshold()).ifPresentOrElse(json -> {
                creates.add(new Dispatch("GUILD_CREATE", json));
                available.add(row.id());
            }, () -> sessions.removeGuild(session, row.id()));
        }
        List<Dispatch> first = new ArrayList<>(creates.size() + 1);
        first.add(new Dispatch("READY", Json.write(Ready.of(user, available, session.id(), publicUrl))));
        first.addAll(creates);
        session.ready(first);
        first.forEach(d -> metrics.dispatched(d.type()));
        metrics.identified();
        log.info("session identified with {} guilds", rows.size());
    }
}
