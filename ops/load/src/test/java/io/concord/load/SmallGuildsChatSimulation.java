package io.concord.load;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chat in many small guilds: the members of {@code -Dguilds} seeded small guilds
 * ({@code -DsessionsPerGuild} of each, 0 = all) hold gateway sessions while the members post
 * {@code -DmessagesPerSecond} messages between them (in turn, each in their guild's channel,
 * {@code POST /channels/{id}/messages}); every session must receive the MESSAGE_CREATE of every
 * message of its guild. Optional bot sessions ({@code -DbotSessions}) listen to the guilds their
 * bot was added to. See {@link ChatLoad} for the timeline and {@link Deliveries} for what is measured.
 */
public class SmallGuildsChatSimulation extends Simulation {
    private final Params p = new Params("SmallGuildsChatSimulation");
    private final Target target = Target.from(p);
    private final int guilds = p.integer("guilds", 10, 1, 1_000_000, "small guilds taking part (the first ones of the seed)");
    private final int perGuild = p.integer("sessionsPerGuild", 0, 0, 100_000, "gateway sessions per guild (0 = every member)");
    private final double rate = p.decimal("messagesPerSecond", 5, 0.01, 100_000, "messages posted per second, all guilds together");
    private final int botSessions = p.integer("botSessions", 0, 0, 1_000, "bot gateway sessions (one per seeded bot) listening too");
    private final long intents = p.number("intents", -1, -1, (1L << 26) - 1, "user sessions' IDENTIFY intents (-1 = none declared)");
    private final ChatLoad.Timing timing = ChatLoad.Timing.from(p, 10, 5, 30);
    private ChatLoad load;

    {
        var assertions = List.of(
                Thresholds.errorRate(p),
                Thresholds.p99(p, "sendP99Ms", ChatLoad.SEND, 1000),
                Thresholds.p99(p, "deliveryP99Ms", Deliveries.DELIVERY, 1000),
                Thresholds.p99(p, "readyP99Ms", Gateway.READY, 5000));
        Map<String, List<Map<String, Object>>> byGuild = new LinkedHashMap<>();
        for (var row : SeedFiles.read(target.seedFile(SeedFiles.USERS), "--users <n> --guild-size <n>")) {
            byGuild.computeIfAbsent((String) row.get("guild_id"), k -> new ArrayList<>()).add(row);
        }
        if (guilds > byGuild.size()) p.problem("-Dguilds=" + guilds + " but the seed has " + byGuild.size() + " small guilds");
        List<Map<String, Object>> listeners = new ArrayList<>();
        List<Map<String, Object>> senders = new ArrayList<>();
        byGuild.values().stream().limit(guilds).forEach(members -> {
            listeners.addAll(perGuild == 0 ? members : members.subList(0, Math.min(perGuild, members.size())));
            senders.addAll(members);
        });
        List<Map<String, Object>> bots = botSessions == 0 ? List.of()
                : SeedFiles.read(target.seedFile(SeedFiles.BOTS), "--bots <n>");
        if (botSessions > bots.size()) p.problem("-DbotSessions=" + botSessions + " but the seed has " + bots.size() + " bots");
        p.print();
        System.out.printf("==> %d guilds, %d user sessions, %d bot sessions, %s messages/s for %d s by %d senders%n",
                Math.min(guilds, byGuild.size()), listeners.size(), botSessions, Params.format(rate), timing.durationSeconds(), senders.size());
        ChatLoad.warnAboutSendLimit(senders.size(), rate);

        load = new ChatLoad(target, timing);
        List<PopulationBuilder> populations = new ArrayList<>();
        populations.add(load.listeners("guild members", listeners, false, intents, false));
        if (botSessions > 0) populations.add(load.listeners("bots", bots.subList(0, botSessions), true, ChatLoad.BOT_INTENTS, false));
        populations.add(load.senders("posters", senders, rate));
        setUp(populations)
                .protocols(target.http(true))
                .maxDuration(java.time.Duration.ofSeconds(timing.totalSeconds() + 120L))
                .assertions(assertions);
    }

    @Override
    public void after() {
        System.out.println("==> Deliveries: " + load.deliveries().summary());
        RateLimits.report();
    }
}
