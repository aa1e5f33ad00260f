package io.concord.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;

/** The assertions every simulation ends with, their limits read as parameters like everything else. */
final class Thresholds {
    private Thresholds() {}

    /** KO requests (429s, missing deliveries and failed checks included) as a percentage of all. */
    static Assertion errorRate(Params p) {
        double max = p.decimal("maxErrorPercent", 1.0, 0, 100, "assertion: at most this % of all requests KO");
        return global().failedRequests().percent().lte(max);
    }

    /** The 99th percentile of one request name's response time, in ms. */
    static Assertion p99(Params p, String param, String request, int defaultMs) {
        int max = p.integer(param, defaultMs, 1, 3_600_000, "assertion: p99 of \"" + request + "\" below this many ms");
        return details(request).responseTime().percentile(99.0).lt(max);
    }
}
