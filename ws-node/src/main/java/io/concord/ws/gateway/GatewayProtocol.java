package io.concord.ws.gateway;

import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.resume.ResumeRequest;
import io.concord.ws.resume.ResumeService;
import io.concord.ws.session.Frames;
import io.concord.ws.session.GatewaySession;
import java.time.Clock;

/** What the node does with each client payload, by opcode. Failures are thrown as {@link GatewayClose}. */
public final class GatewayProtocol {
    private final IdentifyService identify;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final long heartbeatIntervalMs;
    private final ResumeService resume;

    public GatewayProtocol(IdentifyService identify, GatewayMetrics metrics, Clock clock, long heartbeatIntervalMs, ResumeService resume) {
        this.identify = identify;
        this.metrics = metrics;
        this.clock = clock;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.resume = resume;
    }

    void opened(GatewaySession session) {
        session.send(Frames.hello(heartbeatIntervalMs));
    }

    void received(GatewaySession session, String text) {
        ClientFrame frame = ClientFrame.decode(text);
        switch (frame.op()) {
            // JDA beats before it identifies, so heartbeats never need a session.
            case Opcodes.HEARTBEAT, Opcodes.QOS_HEARTBEAT -> {
                session.heartbeat(clock.millis());
                metrics.heartbeat();
                session.send(Frames.heartbeatAck());
            }
            case Opcodes.IDENTIFY -> {
                if (!session.beginIdentify()) throw GatewayClose.alreadyAuthenticated();
                identify.identify(session, Identify.parse(frame.d()));
            }
            case Opcodes.RESUME -> resume.resume(session, ResumeRequest.parse(frame.d()));
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
