package io.concord.ws.gateway;

import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.session.Frames;
import io.concord.ws.session.GatewaySession;
import java.time.Clock;

/** What the node does with each client payload, by opcode. Failures are thrown as {@link GatewayClose}. */
public final class GatewayProtocol {
    private final IdentifyService identify;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final long heartbeatIntervalMs;

    public GatewayProtocol(IdentifyService identify, GatewayMetrics metrics, Clock clock, long heartbeatIntervalMs) {
        this.identify = identify;
        this.metrics = metrics;
        this.clock = clock;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
    }

    void opened(GatewaySession session) {
        session.send(Frames.hello(heartbeatIntervalMs));
    }

    void received(GatewaySession session, String text) {
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
                identify.identify(session, Identify.parse(frame.d()));
            }
            // Resume comes with the shared session store; until then the client re-identifies.
            case Opcodes.RESUME -> session.send(Frames.invalidSession(false));
            case Opcodes.PRESENCE_UPDATE, Opcodes.VOICE_STATE_UPDATE, Opcodes.REQUEST_GUILD_MEMBERS,
                 Opcodes.GUILD_SUBSCRIPTIONS, Opcodes.GUILD_SUBSCRIPTIONS_BULK -> {
                if (!session.isIdentified()) throw GatewayClose.notAuthenticated();
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
