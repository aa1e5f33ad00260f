package io.concord.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;

/**
 * Read-state acks: {@code -Dusers} members of the seeded history channels each ack the channel's
 * newest message, Discord's {@code POST /channels/{channel.id}/messages/{message.id}/ack} with
 * {@code {"token":null}} (answered 200 {@code {"token":null}}), every {@code -DackIntervalMs} for
 * {@code -DdurationSeconds}.
 *
 * <p>Concord does not have this route yet (it comes with the read-state issue, 6): until then every
 * request is a 404 and the run fails, so {@code ops/concord test}'s smoke run leaves it out.
 */
public class ReadStateAckSimulation extends Simulation {
    static final String ACK = "POST /channels/{id}/messages/{id}/ack";
    private final Params p = new Params("ReadStateAckSimulation");
    private final Target target = Target.from(p);
    private final int users = p.integer("users", 20, 1, 1_000_000, "users acking at once");
    private final int ramp = p.integer("rampSeconds", 5, 0, 3600, "users start evenly over this many seconds (0 = at once)");
    private final int duration = p.integer("durationSeconds", 30, 1, 86_400, "how long each user keeps acking");
    private final int interval = p.integer("ackIntervalMs", 1000, 0, 600_000, "pause between one user's acks");

    {
        var assertions = List.of(Thresholds.errorRate(p), Thresholds.p99(p, "ackP99Ms", ACK, 500));
        var rows = SeedFiles.read(target.seedFile(SeedFiles.HISTORY), "--history-channels <n> --history-messages <n>");
        p.print();
        System.out.printf("==> %d users over %d s acking every %d ms for %d s, over %d (channel, member) pairs%n",
                users, ramp, interval, duration, rows.size());

        ChainBuilder ack = feed(listFeeder(rows).circular())
                .exec(Gateway::asUser)
                .exec(during(Duration.ofSeconds(duration)).on(
                        exec(RateLimits.checked(http(ACK).post("/channels/#{channel_id}/messages/#{newest_message_id}/ack")
                                .header("Authorization", "#{authorization}").body(StringBody("{\"token\":null}")), 200))
                                .exec(RateLimits.honour(ACK))
                                .pause(Duration.ofMillis(interval))));
        var injection = ramp == 0 ? atOnceUsers(users) : rampUsers(users).during(Duration.ofSeconds(ramp));
        setUp(scenario("read-state acks").exec(ack).injectOpen(injection))
                .protocols(target.http(false))
                .assertions(assertions);
    }

    @Override
    public void after() {
        RateLimits.report();
    }
}
