package io.concord.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.List;

/**
 * History scrolling: {@code -Dscrollers} members of the seeded history channels each read the newest
 * page ({@code GET /channels/{id}/messages?limit=50}) and page back with {@code before=<oldest id of
 * the last page>}, {@code -Dpages} pages with {@code -DpageIntervalMs} between them; reaching the
 * channel's first message starts again from the newest page. Every page must hold {@code limit}
 * messages (or the rest of the channel), newest first, all older than {@code before}.
 */
public class HistoryScrollSimulation extends Simulation {
    static final String NEWEST = "GET /channels/{id}/messages?limit";
    static final String BEFORE = "GET /channels/{id}/messages?limit&before";
    private final Params p = new Params("HistoryScrollSimulation");
    private final Target target = Target.from(p);
    private final int scrollers = p.integer("scrollers", 20, 1, 1_000_000, "users scrolling at once");
    private final int ramp = p.integer("rampSeconds", 5, 0, 3600, "scrollers start evenly over this many seconds (0 = at once)");
    private final int pages = p.integer("pages", 10, 1, 1_000_000, "pages each scroller reads");
    private final int limit = p.integer("limit", 50, 1, 100, "messages per page (Discord's limit)");
    private final int interval = p.integer("pageIntervalMs", 250, 0, 600_000,
            "pause between a scroller's pages (history allows 50 per s per user and channel)");

    {
        var assertions = List.of(
                Thresholds.errorRate(p),
                Thresholds.p99(p, "newestP99Ms", NEWEST, 500),
                Thresholds.p99(p, "beforeP99Ms", BEFORE, 500));
        var rows = SeedFiles.read(target.seedFile(SeedFiles.HISTORY), "--history-channels <n> --history-messages <n>");
        p.print();
        System.out.printf("==> %d scrollers over %d s, %d pages of %d each, %d ms apart, over %d (channel, member) pairs%n",
                scrollers, ramp, pages, limit, interval, rows.size());
        if (interval < 25) System.out.println("WARNING: under 25 ms between pages a scroller may pass 50 per s per channel and get 429s");

        ChainBuilder scroll = feed(listFeeder(rows).circular())
                .exec(s -> Gateway.asUser(s).remove("before"))
                .exec(repeat(pages).on(
                        doIfOrElse(s -> s.contains("before"))
                                .then(page(BEFORE, "/channels/#{channel_id}/messages?limit=" + limit + "&before=#{before}")
                                        .check(jmesPath("[0].id").transform(Long::parseUnsignedLong)
                                                .lt(s -> Long.parseUnsignedLong(s.getString("before"))).name("page older than before")))
                                .orElse(page(NEWEST, "/channels/#{channel_id}/messages?limit=" + limit)
                                        .check(jmesPath("[0].id").transform(Long::parseUnsignedLong)
                                                .gte(s -> Long.parseUnsignedLong(s.getString("newest_message_id")))
                                                .name("newest page starts at or after the seed's newest message")))
                                .exec(RateLimits.honour("GET /channels/{id}/messages"))
                                .exec(s -> {
                                    if (s.isFailed() || !s.contains("oldest") || s.getString("oldest").equals(s.getString("oldest_message_id"))) {
                                        return s.remove("before").remove("oldest").markAsSucceeded();
                                    }
                                    return s.set("before", s.getString("oldest")).remove("oldest");
                                })
                                .pause(Duration.ofMillis(interval))));
        var injection = ramp == 0 ? atOnceUsers(scrollers) : rampUsers(scrollers).during(Duration.ofSeconds(ramp));
        setUp(scenario("history scrolling").exec(scroll).injectOpen(injection))
                .protocols(target.http(false))
                .assertions(assertions);
    }

    /** A page request: 200, a JSON array of 1..limit messages, the oldest one's id saved as {@code oldest}. */
    private HttpRequestActionBuilder page(String name, String path) {
        return RateLimits.checked(http(name).get(path).header("Authorization", "#{authorization}"), 200)
                .check(jmesPath("length(@)").ofInt().lte(limit).name("at most limit messages"),
                        jmesPath("length(@)").ofInt().gt(0).name("a non-empty page"),
                        jmesPath("[-1].id").saveAs("oldest"));
    }

    @Override
    public void after() {
        RateLimits.report();
    }
}
