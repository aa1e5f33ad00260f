package io.concord.ws.gateway;

import io.concord.ws.lazy.LargeGuilds;
import io.concord.ws.members.MemberRequests;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.presence.Presence;
import io.concord.ws.presence.PresenceService;
import io.concord.ws.resume.ResumeRequest;
import io.concord.ws.resume.ResumeService;
import io.concord.ws.session.Frames;
import io.concord.ws.session.GatewaySession;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the node does with each client payload, by opcode. Failures are thrown as {@link GatewayClose}. */
public final class GatewayProtocol {
    /**
     * Per connection, held by its {@link GatewaySocket} (so it goes with the socket and needs no map
     * here): the send limit's window and when each guild's whole member list was last asked for, a
     * map made only once the connection asks for one.
     */
    static final class ClientState {
        final PayloadWindow payloads = new PayloadWindow();
        private Map<Long, Long> wholeListAt;

        synchronized Map<Long, Long> wholeListAt() {
            if (wholeListAt == null) wholeListAt = new ConcurrentHashMap<>();
            return wholeListAt;
        }
    }

    private final IdentifyService identify;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final long heartbeatIntervalMs;
    private final PresenceService presences;
    private final MemberRequests memberRequests;
    private final ResumeService resume;
    /** op 14/37 member-list subscriptions; null: accepted and ignored. */
    private final LargeGuilds largeGuilds;

    public GatewayProtocol(IdentifyService identify, GatewayMetrics metrics, Clock clock, long heartbeatIntervalMs,
                           PresenceService presences, MemberRequests memberRequests,
                           ResumeService resume) {
        this(identify, metrics, clock, heartbeatIntervalMs, presences, memberRequests, resume, null);
    }

    public GatewayProtocol(IdentifyService identify, GatewayMetrics metrics, Clock clock, long heartbeatIntervalMs,
                           PresenceService presences, MemberRequests memberRequests,
                           ResumeService resume, LargeGuilds largeGuilds) {
        this.largeGuilds = largeGuilds;
        this.identify = identify;
        this.metrics = metrics;
        this.clock = clock;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.presences = presences;
        this.memberRequests = memberRequests;
        this.resume = resume;
    }

    void opened(GatewaySession session) {
        session.send(Frames.hello(heartbeatIntervalMs));
    }

    /** The socket is gone: take its presence out. */
    void closed(GatewaySession session) {
        presences.ended(session);
    }

    void received(GatewaySession session, ClientState client, String text) {
        // Every payload counts, heartbeats and malformed ones included, as Discord counts them.
        if (!client.payloads.admit(clock.millis())) throw GatewayClose.rateLimited();
        ClientFrame frame = ClientFrame.decode(text);
        switch (frame.op()) {
            // JDA beats before it identifies, so heartbeats never need a session.
            case Opcodes.HEARTBEAT, Opcodes.QOS_HEARTBEAT -> {
                metrics.heartbeatInterval(clock.millis() - session.lastHeartbeatMs());
                session.heartbeat(clock.millis());
                metrics.heartbeat();
                session.send(Frames.heartbeatAck());
            }
            case Opcodes.IDENTIFY -> {
                if (!session.beginIdentify()) throw GatewayClose.alreadyAuthenticated();
                identify.identify(session, Identify.parse(frame.d(), clock.millis()));
            }
            case Opcodes.RESUME -> resume.resume(session, ResumeRequest.parse(frame.d()));
            case Opcodes.PRESENCE_UPDATE -> {
                if (!session.isIdentified()) throw GatewayClose.notAuthenticated();
                presences.update(session, Presence.parse(frame.d(), clock.millis()));
            }
            case Opcodes.REQUEST_GUILD_MEMBERS -> {
                if (!session.isIdentified()) throw GatewayClose.notAuthenticated();
                memberRequests.handle(session, frame.d(), client.wholeListAt());
            }
            case Opcodes.VOICE_STATE_UPDATE -> {
                if (!session.isIdentified()) throw GatewayClose.notAuthenticated();
            }
            case Opcodes.GUILD_SUBSCRIPTIONS, Opcodes.GUILD_SUBSCRIPTIONS_BULK -> {
                if (!session.isIdentified()) throw GatewayClose.notAuthenticated();
                if (largeGuilds != null) largeGuilds.subscribe(session, frame.op(), frame.d());
            }
            // An opcode we do not know is reported as such whether or not the session identified.
            default -> throw GatewayClose.unknownOpcode();
        }
    }

    /** Binary frames would be ETF or compressed JSON, neither of which the node reads. */
    void receivedBinary() {
        throw GatewayClose.decodeError();
    }
}
