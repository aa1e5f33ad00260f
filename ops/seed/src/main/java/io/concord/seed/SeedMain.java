package io.concord.seed;

import io.concord.common.config.ConfigException;
import io.concord.common.config.Env;
import io.concord.common.config.StoreConfig;
import io.concord.common.message.MessageRepository;
import io.concord.common.store.Cql;
import io.concord.common.store.Postgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ops/concord seed}: creates load-test users, guilds, channels, memberships, bots, stored
 * messages and tokens in the stores named by the environment (the services' variables:
 * {@code POSTGRES_*}, {@code CQL_*}, and {@code TOKEN_SECRET}, which must be the deployment's so its
 * nodes accept the minted tokens), and writes the feeder files of {@code ops/load}.
 */
public final class SeedMain {
    private SeedMain() {}

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(SeedPlan.usage());
            return;
        }
        SeedPlan plan;
        Env env = new Env(System.getenv());
        StoreConfig stores = StoreConfig.from(env);
        String secret;
        try {
            plan = SeedPlan.parse(args);
            secret = env.secret("TOKEN_SECRET", 32);
            env.validate();
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println("seed: " + e.getMessage());
            System.err.print(SeedPlan.usage());
            System.exit(2);
            return;
        }
        System.out.println("Seeding " + stores.postgresUrl() + " and CQL keyspace " + stores.cqlKeyspace() + " at "
                + stores.cqlContactPoints() + " with:");
        System.out.print(plan.describe());
        Clock clock = Clock.systemUTC();
        long started = clock.millis();
        List<Seeder.Step> steps = new ArrayList<>();
        SeedData data;
        boolean needCql = plan.historyChannels() > 0 && plan.historyMessages() > 0;
        // The PostgreSQL migrations are cheap when applied (as Seed in ops/bench does); the CQL schema is
        // left to the deployment (ops/concord up, MigrateMain): re-checking it costs seconds to tens of seconds.
        try (Postgres postgres = Postgres.connect(stores); Cql cql = needCql ? connectCql(stores) : null) {
            postgres.migrate();
            long migrated = clock.millis();
            steps.add(new Seeder.Step("connect" + (needCql ? " (postgres, cql)" : " (postgres)") + ", postgres migrations (idempotent)",
                    migrated - started));
            System.out.printf("    %-80s %6d ms%n", steps.getFirst().name(), migrated - started);
            Optional<HistoryWriter> history = Optional.ofNullable(cql).map(c -> new HistoryWriter(new MessageRepository(c.session(), clock)));
            data = new Seeder(plan, secret, clock).seed(new PostgresWriter(postgres.jdbi()), history, steps);
        }
        Path out = plan.out().toAbsolutePath().normalize();
        List<Path> files = FeederFiles.write(out, data);
        long total = clock.millis() - started;
        files = new ArrayList<>(files);
        files.add(FeederFiles.summary(out, summary(plan, data, steps, total, clock.instant())));
        System.out.printf("Seeded %d users, %d small guilds, %s, %d bots, %d history channels in %.1f s%n", data.users().size(),
                data.smallGuilds().size(), data.largeGuild().map(g -> "a large guild of " + g.memberCount()).orElse("no large guild"),
                data.bots().size(), data.history().size(), total / 1000.0);
        System.out.println("Feeder files (they hold live tokens, valid " + plan.tokenTtlHours() + " h):");
        files.forEach(f -> System.out.println("  " + f));
    }

    private static Cql connectCql(StoreConfig stores) {
        try {
            return Cql.connect(stores);
        } catch (RuntimeException e) {
            System.err.println("seed: cannot open CQL keyspace " + stores.cqlKeyspace() + " at " + stores.cqlContactPoints() + " (" + e.getMessage()
                    + "). Is the schema there? ops/concord up applies it (io.concord.common.store.MigrateMain); "
                    + "or seed without stored messages: --history-messages 0");
            System.exit(1);
            return null;
        }
    }

    private static String summary(SeedPlan plan, SeedData d, List<Seeder.Step> steps, long totalMs, Instant at) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"seeded_at\": \"").append(at).append("\",\n");
        sb.append("  \"token_ttl_hours\": ").append(plan.tokenTtlHours()).append(",\n");
        sb.append("  \"users\": ").append(d.users().size()).append(",\n");
        sb.append("  \"guild_size\": ").append(plan.guildSize()).append(",\n");
        sb.append("  \"small_guilds\": ").append(d.smallGuilds().size()).append(",\n");
        sb.append("  \"large_guild_id\": ").append(d.largeGuild().map(g -> "\"" + g.id() + "\"").orElse("null")).append(",\n");
        sb.append("  \"large_guild_members\": ").append(d.largeGuild().map(SeedData.Guild::memberCount).orElse(0)).append(",\n");
        sb.append("  \"bots\": ").append(d.bots().size()).append(",\n");
        sb.append("  \"history_channels\": ").append(d.history().size()).append(",\n");
        sb.append("  \"history_messages_per_channel\": ").append(plan.historyMessages()).append(",\n");
        sb.append("  \"seconds\": ").append(String.format(java.util.Locale.ROOT, "%.2f", totalMs / 1000.0)).append(",\n");
        sb.append("  \"steps\": [\n");
        for (int i = 0; i < steps.size(); i++) {
            Seeder.Step s = steps.get(i);
            sb.append("    {\"step\": \"").append(s.name()).append("\", \"ms\": ").append(s.millis()).append('}')
                    .append(i + 1 < steps.size() ? ",\n" : "\n");
        }
        sb.append("  ]\n}\n");
        return sb.toString();
    }
}
