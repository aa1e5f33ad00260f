package io.concord.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Connect storm: {@code -Dsessions} gateway sessions open over {@code -DrampSeconds} (0 = all at
 * once). Each asks {@code GET /gateway}, connects with {@code ?v=10&encoding=json}, waits for HELLO,
 * IDENTIFYs with a seeded user's token, waits for READY, heartbeats {@code -Dheartbeats} times at the
 * HELLO's interval (the first after interval * random, as Discord clients do), waiting for each ACK,
 * and closes. Sessions take the seeded users in turn (more sessions than users: several per user).
 */
public class ConnectStormSimulation extends Simulation {
    private final Params p = new Params("ConnectStormSimulation");
    private final Target target = Target.from(p);
    private final int sessions = p.integer("sessions", 100, 1, 1_000_000, "gateway sessions to open");
    private final int ramp = p.integer("rampSeconds", 10, 0, 3600, "sessions start evenly over this many seconds (0 = at once)");
    private final int heartbeats = p.integer("heartbeats", 2, 0, 10_000, "heartbeats per session before it closes");
    private final int timeout = p.integer("timeoutSeconds", 30, 1, 600, "wait for HELLO, READY and each heartbeat ACK");
    private final long intents = p.number("intents", -1, -1, (1L << 26) - 1, "IDENTIFY intents (-1 = none declared, as user clients)");

    {
        var assertions = java.util.List.of(
                Thresholds.errorRate(p),
                Thresholds.p99(p, "gatewayP99Ms", Gateway.GET_GATEWAY, 1000),
                Thresholds.p99(p, "helloP99Ms", Gateway.HELLO, 1000),
                Thresholds.p99(p, "readyP99Ms", Gateway.READY, 5000),
                Thresholds.p99(p, "heartbeatAckP99Ms", Gateway.HEARTBEAT_ACK, 1000));
        var users = SeedFiles.read(target.seedFile(SeedFiles.USERS), "--users <n>");
        p.print();
        System.out.printf("==> %d sessions over %d s from %d seeded users, %d heartbeats each%n", sessions, ramp, users.size(), heartbeats);

        ChainBuilder session = feed(listFeeder(users).circular())
                .exec(s -> Gateway.asUser(s).set("identifyExtra", Gateway.intentsField(intents)))
                .exec(Gateway.discover(target))
                .exec(Gateway.connect(timeout))
                .exec(Gateway.identify(timeout))
                .exitHereIfFailed()
                .exec(repeat(heartbeats, "beat").on(
                        pause(s -> Duration.ofMillis(s.getInt("beat") == 0
                                ? (long) (s.getLong("heartbeatMs") * ThreadLocalRandom.current().nextDouble())
                                : s.getLong("heartbeatMs")))
                                .exec(Gateway.heartbeat(timeout))))
                .exec(Gateway.close());
        var injection = ramp == 0 ? atOnceUsers(sessions) : rampUsers(sessions).during(Duration.ofSeconds(ramp));
        setUp(scenario("connect storm").exec(session).injectOpen(injection))
                .protocols(target.http(false))
                .assertions(assertions);
    }

    @Override
    public void after() {
        RateLimits.report();
    }
}
