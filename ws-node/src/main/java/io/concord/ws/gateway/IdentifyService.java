package io.concord.ws.gateway;

import io.concord.common.application.ApplicationFlags;
import io.concord.common.application.ApplicationRepository;
import io.concord.common.application.ApplicationRow;
import io.concord.common.auth.Principal;
import io.concord.common.auth.TokenAuthenticator;
import io.concord.common.gateway.SessionStarts;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.GuildRow;
import io.concord.common.json.Json;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import io.concord.ws.guild.GuildSnapshots;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.presence.Presence;
import io.concord.ws.presence.PresenceService;
import io.concord.ws.session.Frames;
import io.concord.ws.session.Intents;
import io.concord.ws.session.Dispatch;
import io.concord.ws.session.GatewaySession;
import io.concord.ws.session.SessionRegistry;
import io.concord.ws.readstate.ReadyReadStates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.LongFunction;
import java.util.Optional;
import java.util.Set;
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
    private final ApplicationRepository applications;
    private final SessionStarts sessionStarts;
    private final PresenceService presences;
    private ReadyReadStates readStates = ReadyReadStates.NONE;
    private LongFunction<List<?>> privateChannels = u -> List.of();

    public IdentifyService(TokenAuthenticator authenticator, UserRepository users, GuildRepository guilds, GuildSnapshots snapshots,
                           SessionRegistry sessions, GatewayMetrics metrics, String publicUrl, ApplicationRepository applications,
                           SessionStarts sessionStarts, PresenceService presences) {
        this.presences = presences;
        this.authenticator = authenticator;
        this.applications = applications;
        this.sessionStarts = sessionStarts;
        this.users = users;
        this.guilds = guilds;
        this.snapshots = snapshots;
        this.sessions = sessions;
        this.metrics = metrics;
        this.publicUrl = publicUrl;
    }

    /** READY carries these users' {@code read_state}; set once at start. */
    public IdentifyService withReadStates(ReadyReadStates readStates) {
        this.readStates = readStates;
        return this;
    }

    /** READY's {@code private_channels}: the user's open DMs and group DMs; set once at start. */
    public IdentifyService withPrivateChannels(LongFunction<List<?>> privateChannels) {
        this.privateChannels = privateChannels;
        return this;
    }

    void identify(GatewaySession session, Identify request) {
        Principal principal = authenticator.authenticateGateway(request.token()).orElseThrow(GatewayClose::authenticationFailed);
        UserRow user = users.byId(principal.userId()).orElseThrow(GatewayClose::authenticationFailed);
        Optional<ApplicationRow> application = principal.bot() ? Optional.of(botApplication(principal, request)) : Optional.empty();
        if (application.isPresent()) {
            // max_concurrency: one IDENTIFY per bucket per 5 s across all nodes; the client waits and identifies again.
            if (!sessionStarts.claimConcurrency(user.id(), request.shardId())) {
                session.cancelIdentify();
                session.send(Frames.invalidSession(false));
                return;
            }
            sessionStarts.record(principal.userId());
        }
        session.identified(user.id(), request.intents(), request.largeThreshold());
        MDC.put("user_id", Long.toString(user.id()));
        List<GuildRow> rows = new ArrayList<>(guilds.guildsOf(user.id()).stream().filter(g -> request.receives(g.id())).toList());
        List<Long> guildIds = rows.stream().map(GuildRow::id).toList();
        // Registered before the snapshots are read. Guild stream entries up to the registration are
        // dropped for the session (the snapshots read after it show their effects); every later one
        // is relayed meanwhile, held in the outbox and sent after the GUILD_CREATEs.
        if (!sessions.attach(session, guildIds)) return;
        // A guild joined since the first read: its GUILD_MEMBER_ADD may be one of the dropped entries.
        Set<Long> known = new HashSet<>(guildIds);
        for (GuildRow row : guilds.guildsOf(user.id())) {
            if (request.receives(row.id()) && !known.contains(row.id()) && sessions.addGuild(session, row.id())) rows.add(row);
        }
        List<Dispatch> creates = new ArrayList<>(rows.size());
        List<Long> available = new ArrayList<>(rows.size());
        for (GuildRow row : rows) {
            // A guild left since guildsOf() has no snapshot; READY must not promise it.
            snapshots.guildCreate(session, row, user.id(), request.largeThreshold(),
                    request.intents().allows(Intents.GUILD_PRESENCES)).ifPresentOrElse(json -> {
                creates.add(new Dispatch("GUILD_CREATE", json));
                available.add(row.id());
            }, () -> sessions.removeGuild(session, row.id()));
        }
        List<Dispatch> first = new ArrayList<>(creates.size() + 1);
        Ready ready = Ready.of(user, available, session.id(), publicUrl, application);
        ready = ready.withPrivateChannels(privateChannels.apply(user.id()));
        if (!principal.bot()) ready = ready.withReadState(readStates.load(user.id(), available));
        first.add(new Dispatch("READY", Json.write(ready)));
        first.addAll(creates);
        // Stored before READY goes out: a client (or the user's other sessions) acting on READY at once
        // must already find this session's presence in what the user's status is computed from.
        presences.update(session, request.presence().orElse(Presence.ONLINE));
        session.ready(first);
        first.forEach(d -> metrics.dispatched(d.type()));
        metrics.identified();
        log.info("session identified with {} guilds", rows.size());
    }

    /** A bot's application, once its intents pass the privileged-intent flags and it has session starts left. */
    private ApplicationRow botApplication(Principal principal, Identify request) {
        ApplicationRow app = applications.find(principal.userId()).orElseThrow(GatewayClose::authenticationFailed);
        if (ApplicationFlags.disallowedIntents(app.flags(), request.intents().bits()) != 0) throw GatewayClose.disallowedIntents();
        if (sessionStarts.limit(principal.userId()).remaining() <= 0) throw GatewayClose.sessionStartLimitReached();
        return app;
    }
}
