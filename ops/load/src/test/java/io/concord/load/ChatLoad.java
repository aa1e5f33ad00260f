package io.concord.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages posted over REST at a steady rate while gateway sessions of the guilds' members (and
 * optionally bots) listen, shared by the small-guilds and large-guild simulations.
 *
 * <p>Timeline (seconds from the first listener): listeners connect over {@code ramp}; posting starts
 * at {@code ramp + warmup} and lasts {@code duration} at {@code rate} messages/s; listeners read until
 * {@code grace} after the last post, then report what never arrived and close.
 */
final class ChatLoad {
    static final String SEND = "POST /channels/{id}/messages";
    /** GUILDS | GUILD_MESSAGES | MESSAGE_CONTENT: a bot that reads every message it may see. */
    static final long BOT_INTENTS = 1 | 1 << 9 | 1 << 15;

    record Timing(int rampSeconds, int warmupSeconds, int durationSeconds, int graceSeconds, int tickMs, int timeoutSeconds) {
        int totalSeconds() {
            return rampSeconds + warmupSeconds + durationSeconds + graceSeconds;
        }

        static Timing from(Params p, int ramp, int warmup, int duration) {
            return new Timing(
                    p.integer("rampSeconds", ramp, 0, 3600, "listeners connect evenly over this many seconds"),
                    p.integer("warmupSeconds", warmup, 0, 3600, "pause after the ramp before the first message"),
                    p.integer("durationSeconds", duration, 1, 86_400, "seconds of posting"),
                    p.integer("graceSeconds", 5, 1, 600, "after the last post, how long listeners wait for late deliveries"),
                    p.integer("tickMs", 200, 10, 10_000, "how often a listener reads its buffered frames"),
                    p.integer("timeoutSeconds", 30, 1, 600, "wait for HELLO and for READY"));
        }
    }

    private final Target target;
    private final Timing timing;
    private final Deliveries deliveries = new Deliveries();
    private final AtomicLong firstListenerAt = new AtomicLong();

    ChatLoad(Target target, Timing timing) {
        this.target = target;
        this.timing = timing;
    }

    Deliveries deliveries() {
        return deliveries;
    }

    /** Each row one gateway session ({@code token}, {@code guild_id} or bots' {@code guild_ids}), all connecting over the ramp. */
    PopulationBuilder listeners(String name, List<Map<String, Object>> rows, boolean bots, long intents, boolean subscribe) {
        ChainBuilder chain = exec(Stats.hook())
                .feed(listFeeder(rows).queue())
                .exec(s -> start(bots ? Gateway.asBot(s) : Gateway.asUser(s), bots, intents))
                .exec(Gateway.discover(target))
                .exec(Gateway.connect(timing.timeoutSeconds()))
                .exec(Gateway.identify(timing.timeoutSeconds()))
                .exitHereIfFailed()
                .exec(s -> {
                    long now = System.currentTimeMillis();
                    listener(s).ready(now, s.get("seq"));
                    // A Discord client's first beat comes after interval * jitter.
                    return s.set("nextBeatAt", now + (long) (s.getLong("heartbeatMs") * ThreadLocalRandom.current().nextDouble()));
                });
        if (subscribe && !bots) chain = chain.exec(Gateway.subscribe());
        chain = chain
                .asLongAs(s -> !s.isFailed() && System.currentTimeMillis() < s.getLong("endAt")).on(
                        pause(Duration.ofMillis(timing.tickMs()))
                                .exec(ws.processUnmatchedMessages((frames, s) -> listener(s).read(frames, s)))
                                .doIf(s -> System.currentTimeMillis() >= s.getLong("nextBeatAt")).then(
                                        exec(ws("heartbeat").sendText(s -> listener(s).beat(s)))
                                                .exec(s -> s.set("nextBeatAt", System.currentTimeMillis() + s.getLong("heartbeatMs")))))
                .exec(ws.processUnmatchedMessages((frames, s) -> listener(s).read(frames, s)))
                .exec(s -> {
                    long until = Math.min(System.currentTimeMillis(), s.getLong("endAt")) - timing.graceSeconds() * 1000L;
                    listener(s).finish(s, until);
                    return s;
                })
                .exec(Gateway.close());
        var injection = timing.rampSeconds() == 0 ? atOnceUsers(rows.size())
                : rampUsers(rows.size()).during(Duration.ofSeconds(timing.rampSeconds()));
        return scenario(name).exec(chain).injectOpen(injection);
    }

    /** One POST per virtual user, {@code rate} per second, senders taken in turn from {@code rows}. */
    PopulationBuilder senders(String name, List<Map<String, Object>> rows, double rate) {
        ChainBuilder chain = exec(Stats.hook())
                .feed(listFeeder(rows).circular())
                .exec(s -> deliveries.prepare(Gateway.asUser(s)))
                .exec(RateLimits.checked(http(SEND).post("/channels/#{channel_id}/messages")
                        .header("Authorization", "#{authorization}").body(StringBody(s -> s.getString("body"))), 200))
                .exec(s -> {
                    if (!s.isFailed()) deliveries.posted(s);
                    return s;
                })
                .exec(RateLimits.tally(SEND));
        return scenario(name).exec(chain).injectOpen(
                nothingFor(Duration.ofSeconds(timing.rampSeconds() + timing.warmupSeconds())),
                constantUsersPerSec(rate).during(Duration.ofSeconds(timing.durationSeconds())));
    }

    /**
     * Message send is limited to 5 per 5 s per user and channel (docs/operator-guide.md): with
     * {@code senders} users posting {@code rate}/s between them in turn, warn when each would post
     * more than 0.8/s.
     */
    static void warnAboutSendLimit(int senders, double rate) {
        double perSender = rate / senders;
        if (perSender > 0.8) {
            System.out.printf("WARNING: %.2f messages/s per sender (%d senders, %s/s): Concord allows 5 per 5 s per user and channel;"
                    + " expect 429s unless the api-node runs with RATE_LIMIT_SCALE_PERCENT or RATE_LIMITS=off.%n", perSender, senders,
                    Params.format(rate));
        }
    }

    private Session start(Session s, boolean bot, long intents) {
        long now = System.currentTimeMillis();
        firstListenerAt.compareAndSet(0, now);
        Set<String> guilds = bot ? Set.copyOf(Arrays.asList(s.getString("guild_ids").split(" "))) : Set.of(s.getString("guild_id"));
        return s.set("identifyExtra", Gateway.intentsField(intents))
                .set("endAt", firstListenerAt.get() + timing.totalSeconds() * 1000L)
                .set("listener", deliveries.listener(guilds, bot));
    }

    private static Deliveries.Listener listener(Session s) {
        return s.get("listener");
    }
}
