package io.concord.load;

import io.gatling.commons.stats.Status;
import io.gatling.core.action.Action;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import scala.Option;

/**
 * Timings Gatling cannot take itself, recorded as requests in its statistics (console, report,
 * assertions): a gateway dispatch's delivery latency is measured where the frame arrives, not by a
 * request-response pair. {@link #hook()} is an action that does nothing but remember the run's stats
 * engine when Gatling builds the scenario; put it first in every scenario that calls {@link #record}.
 *
 * <p>Uses Gatling's Scala-side {@code StatsEngine.logResponse} (the call its own actions make); pinned
 * to the Gatling version in the root pom.
 */
final class Stats {
    private static volatile StatsEngine engine;

    private Stats() {}

    static ActionBuilder hook() {
        io.gatling.core.action.builder.ActionBuilder scala = new io.gatling.core.action.builder.ActionBuilder() {
            @Override
            public Action build(ScenarioContext ctx, Action next) {
                engine = ctx.coreComponents().statsEngine();
                return next;
            }
        };
        return () -> scala;
    }

    /** One request named {@code name} from {@code startMs} to {@code endMs}; {@code error} null means OK. */
    static void record(Session session, String name, long startMs, long endMs, String error) {
        StatsEngine e = engine;
        if (e == null) throw new IllegalStateException("Stats.hook() is not in this scenario");
        e.logResponse(session.scenario(), session.asScala().groups(), name, startMs, Math.max(startMs, endMs),
                Status.apply(error == null ? "OK" : "KO"), Option.empty(), Option.apply(error));
    }
}
