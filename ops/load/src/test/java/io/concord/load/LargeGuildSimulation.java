package io.concord.load;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One large guild: {@code -Donline} of its seeded members hold gateway sessions (each subscribing to
 * the guild's channel with op 14, {@code -Dsubscribe}), while members post a steady
 * {@code -DmessagesPerSecond} in its channel, and {@code -DbotSessions} bots (with GUILD_MESSAGES and
 * MESSAGE_CONTENT) listen. Measures each MESSAGE_CREATE's delivery to every session (users and bots
 * separately) and reports every one that never came. See {@link ChatLoad} and {@link Deliveries}.
 */
public class LargeGuildSimulation extends Simulation {
    private final Params p = new Params("LargeGuildSimulation");
    private final Target target = Target.from(p);
    private final int online = p.integer("online", 1000, 1, 1_000_000, "members online (gateway sessions) in the large guild");
    private final double rate = p.decimal("messagesPerSecond", 5, 0.01, 100_000, "messages posted per second in the guild's channel");
    private final int senderCount = p.integer("senders", 0, 0, 1_000_000, "members who post, in turn (0 = every online member)");
    private final boolean subscribe = p.bool("subscribe", true, "sessions send op 14 for the channel after READY, as a client viewing it");
    private final int botSessions = p.integer("botSessions", 1, 0, 1_000, "bot gateway sessions (one per seeded bot) listening too");
    private final long intents = p.number("intents", -1, -1, (1L << 26) - 1, "user sessions' IDENTIFY intents (-1 = none declared)");
    private final ChatLoad.Timing timing = ChatLoad.Timing.from(p, 30, 5, 30);
    private ChatLoad load;

    {
        var assertions = List.of(
                Thresholds.errorRate(p),
                Thresholds.p99(p, "sendP99Ms", ChatLoad.SEND, 1000),
                Thresholds.p99(p, "deliveryP99Ms", Deliveries.DELIVERY, 2000),
                Thresholds.p99(p, "readyP99Ms", Gateway.READY, 10_000));
        var assertionsWithBots = new ArrayList<>(assertions);
        if (botSessions > 0) assertionsWithBots.add(Thresholds.p99(p, "botDeliveryP99Ms", Deliveries.DELIVERY_BOT, 2000));
        var members = SeedFiles.read(target.seedFile(SeedFiles.LARGE_GUILD), "--large-guild-members <n>");
        if (online > members.size()) p.problem("-Donline=" + online + " but the seeded large guild has " + members.size() + " members");
        List<Map<String, Object>> bots = botSessions == 0 ? List.of()
                : SeedFiles.read(target.seedFile(SeedFiles.BOTS), "--bots <n> --large-guild-members <n>");
        if (botSessions > bots.size()) p.problem("-DbotSessions=" + botSessions + " but the seed has " + bots.size() + " bots");
        p.print();
        List<Map<String, Object>> listeners = members.subList(0, Math.min(online, members.size()));
        List<Map<String, Object>> senders = senderCount == 0 ? listeners : members.subList(0, Math.min(senderCount, members.size()));
        System.out.printf("==> large guild %s (%d members seeded): %d online, %d bot sessions, %s messages/s for %d s by %d senders%n",
                members.getFirst().get("guild_id"), members.size(), listeners.size(), botSessions, Params.format(rate),
                timing.durationSeconds(), senders.size());
        ChatLoad.warnAboutSendLimit(senders.size(), rate);

        load = new ChatLoad(target, timing);
        List<PopulationBuilder> populations = new ArrayList<>();
        populations.add(load.listeners("online members", listeners, false, intents, subscribe));
        if (botSessions > 0) populations.add(load.listeners("bots", bots.subList(0, botSessions), true, ChatLoad.BOT_INTENTS, false));
        populations.add(load.senders("posters", senders, rate));
        setUp(populations)
                .protocols(target.http(true))
                .maxDuration(java.time.Duration.ofSeconds(timing.totalSeconds() + 120L))
                .assertions(assertionsWithBots);
    }

    @Override
    public void after() {
        System.out.println("==> Deliveries: " + load.deliveries().summary());
        RateLimits.report();
    }
}
