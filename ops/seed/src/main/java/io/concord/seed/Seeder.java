package io.concord.seed;

import io.concord.common.auth.AccessTokens;
import io.concord.common.auth.BotTokens;
import io.concord.common.auth.Principal;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.message.StoredMessage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Builds a {@link SeedData} for a plan (ids, names, tokens) and writes it through the two writers. */
final class Seeder {
    private final SeedPlan plan;
    private final SnowflakeGenerator ids;
    private final AccessTokens tokens;
    private final Clock clock;
    private final String runTag;
    private final SecureRandom random = new SecureRandom();

    Seeder(SeedPlan plan, String tokenSecret, Clock clock) {
        this.plan = plan;
        this.clock = clock;
        this.ids = new SnowflakeGenerator(clock, plan.nodeId());
        this.tokens = new AccessTokens(tokenSecret, Duration.ofHours(plan.tokenTtlHours()), clock);
        // Distinguishes this run's names from an earlier run's in the same database.
        this.runTag = Long.toString(clock.millis() / 1000, 36);
    }

    /** One step's name and how long it took, for the summary. */
    record Step(String name, long millis) {}

    SeedData seed(PostgresWriter postgres, Optional<HistoryWriter> history, List<Step> steps) {
        long t = clock.millis();
        List<SeedData.User> users = users();
        List<SeedData.Guild> small = smallGuilds();
        Optional<SeedData.Guild> large = plan.largeGuildMembers() > 0
                ? Optional.of(new SeedData.Guild(ids.next(), ids.next(), "load large guild " + runTag, 0, plan.largeGuildMembers()))
                : Optional.empty();
        List<SeedData.Bot> bots = bots(small, large);
        t = step(steps, "ids, names and " + users.size() + " access tokens", t);

        postgres.users(users);
        t = step(steps, "postgres: " + users.size() + " users", t);
        postgres.guilds(small, users);
        t = step(steps, "postgres: " + small.size() + " small guilds (role, channel, " + users.size() + " memberships)", t);
        if (large.isPresent()) {
            postgres.guilds(List.of(large.get()), users);
            t = step(steps, "postgres: the large guild (" + plan.largeGuildMembers() + " memberships)", t);
        }
        if (!bots.isEmpty()) {
            postgres.bots(bots, users.getFirst().id(), ids::next);
            t = step(steps, "postgres: " + bots.size() + " bots (application, token hash, memberships, managed roles)", t);
        }
        List<SeedData.History> histories = new ArrayList<>();
        if (history.isPresent() && plan.historyMessages() > 0) {
            List<StoredMessage> messages = new ArrayList<>();
            int channels = Math.min(plan.historyChannels(), small.size());
            for (int g = 0; g < channels; g++) {
                SeedData.Guild guild = small.get(g);
                long oldest = 0, newest = 0;
                for (int k = 0; k < plan.historyMessages(); k++) {
                    long id = ids.next();
                    if (k == 0) oldest = id;
                    newest = id;
                    long author = users.get(guild.firstUser() + k % guild.memberCount()).id();
                    messages.add(HistoryWriter.message(guild.channelId(), id, guild.id(), author,
                            "history message " + (k + 1) + " of " + plan.historyMessages()));
                }
                histories.add(new SeedData.History(g, newest, oldest, plan.historyMessages()));
            }
            history.get().write(messages);
            step(steps, "cql: " + messages.size() + " history messages in " + channels + " channels", t);
        }
        return new SeedData(users, small, large, bots, histories);
    }

    private long step(List<Step> steps, String name, long since) {
        long now = clock.millis();
        steps.add(new Step(name, now - since));
        System.out.printf("    %-80s %6d ms%n", name, now - since);
        return now;
    }

    private List<SeedData.User> users() {
        long[] userIds = new long[plan.users()];
        long[] sessionIds = new long[plan.users()];
        for (int i = 0; i < userIds.length; i++) {
            userIds[i] = ids.next();
            sessionIds[i] = ids.next();
        }
        // Signing dominates: spread it over the cores.
        return IntStream.range(0, plan.users()).parallel()
                .mapToObj(i -> new SeedData.User(userIds[i], "load" + i + "_" + runTag,
                        tokens.issue(new Principal(userIds[i], sessionIds[i])), i / plan.guildSize()))
                .toList();
    }

    private List<SeedData.Guild> smallGuilds() {
        List<SeedData.Guild> guilds = new ArrayList<>(plan.smallGuilds());
        for (int g = 0; g < plan.smallGuilds(); g++) {
            int first = g * plan.guildSize();
            int count = Math.min(plan.guildSize(), plan.users() - first);
            guilds.add(new SeedData.Guild(ids.next(), ids.next(), "load guild " + g + " " + runTag, first, count));
        }
        return guilds;
    }

    private List<SeedData.Bot> bots(List<SeedData.Guild> small, Optional<SeedData.Guild> large) {
        List<Long> guildIds = new ArrayList<>();
        large.ifPresent(g -> guildIds.add(g.id()));
        small.stream().limit(plan.botGuilds()).forEach(g -> guildIds.add(g.id()));
        List<SeedData.Bot> bots = new ArrayList<>(plan.bots());
        for (int i = 0; i < plan.bots(); i++) {
            long id = ids.next();
            bots.add(new SeedData.Bot(id, "loadbot" + i + "_" + runTag, BotTokens.generate(id, random), List.copyOf(guildIds)));
        }
        return bots;
    }
}
