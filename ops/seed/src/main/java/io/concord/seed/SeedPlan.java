package io.concord.seed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ops/concord seed} creates, from {@code --name value} arguments; every option has a
 * default and a range, and {@link #describe()} lists each with its value and default.
 *
 * @param users            people, each in exactly one small guild
 * @param guildSize        members per small guild (the first is the owner); the last guild may be smaller
 * @param largeGuildMembers members of the one large guild (the first {@code n} users, who keep their small guild); 0 = none
 * @param bots             bot applications with a token, each in the large guild (if any) and the first {@code botGuilds} small guilds
 * @param botGuilds        small guilds each bot is added to
 * @param historyChannels  channels (of the first small guilds) that get {@code historyMessages} stored messages each
 * @param historyMessages  messages per history channel, written to the CQL store
 * @param tokenTtlHours    lifetime of the minted user access tokens
 * @param nodeId           snowflake worker id of the seeding process (must differ from every running service's NODE_ID)
 * @param out              directory of the feeder files
 */
public record SeedPlan(int users, int guildSize, int largeGuildMembers, int bots, int botGuilds, int historyChannels,
                       int historyMessages, int tokenTtlHours, int nodeId, Path out) {

    private record Option(String name, String fallback, long min, long max, String help) {}

    private static final List<Option> OPTIONS = List.of(
            new Option("users", "1000", 1, 1_000_000, "people, each a member of one small guild"),
            new Option("guild-size", "25", 1, 100_000, "members per small guild (one text channel each)"),
            new Option("large-guild-members", "0", 0, 1_000_000, "members of one large guild (the first n users; 0 = no large guild)"),
            new Option("bots", "1", 0, 1_000, "bot applications with tokens, each in the large guild and the first --bot-guilds small guilds"),
            new Option("bot-guilds", "10", 0, 100_000, "small guilds each bot is added to"),
            new Option("history-channels", "10", 0, 100_000, "small-guild channels that get stored messages (for history and acks)"),
            new Option("history-messages", "500", 0, 1_000_000, "messages per history channel (CQL store)"),
            new Option("token-ttl-hours", "24", 1, 24 * 365, "lifetime of the user access tokens written to the files"),
            new Option("node-id", "1000", 0, 1023, "snowflake worker id of the seeder (not any running service's NODE_ID)"),
            new Option("out", ".concord/load", 0, 0, "directory for seed-*.csv and seed-summary.json"));

    /** Parses {@code --name value} / {@code --name=value}; unknown names and values out of range are errors. */
    public static SeedPlan parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("expected --name value, got '" + a + "'");
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) throw new IllegalArgumentException("--" + name + " needs a value");
                value = args[++i];
            }
            String key = name;
            if (OPTIONS.stream().noneMatch(o -> o.name().equals(key))) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + OPTIONS.stream().map(o -> "--" + o.name()).toList());
            }
            given.put(name, value);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Long> n = new LinkedHashMap<>();
        for (Option o : OPTIONS) {
            if (o.name().equals("out")) continue;
            String raw = given.getOrDefault(o.name(), o.fallback());
            try {
                long v = Long.parseLong(raw.trim());
                if (v < o.min() || v > o.max()) problems.add("--" + o.name() + " must be " + o.min() + ".." + o.max() + ", not " + v);
                n.put(o.name(), v);
            } catch (NumberFormatException e) {
                problems.add("--" + o.name() + " must be a number, not '" + raw + "'");
                n.put(o.name(), 0L);
            }
        }
        if (n.get("large-guild-members") > n.get("users")) problems.add("--large-guild-members cannot exceed --users");
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        return new SeedPlan(n.get("users").intValue(), n.get("guild-size").intValue(), n.get("large-guild-members").intValue(),
                n.get("bots").intValue(), n.get("bot-guilds").intValue(), n.get("history-channels").intValue(),
                n.get("history-messages").intValue(), n.get("token-ttl-hours").intValue(), n.get("node-id").intValue(),
                Path.of(given.getOrDefault("out", ".concord/load")));
    }

    public int smallGuilds() {
        return (users + guildSize - 1) / guildSize;
    }

    /** Every option with its value and default, one per line. */
    public String describe() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("users", users);
        values.put("guild-size", guildSize);
        values.put("large-guild-members", largeGuildMembers);
        values.put("bots", bots);
        values.put("bot-guilds", botGuilds);
        values.put("history-channels", historyChannels);
        values.put("history-messages", historyMessages);
        values.put("token-ttl-hours", tokenTtlHours);
        values.put("node-id", nodeId);
        values.put("out", out);
        StringBuilder sb = new StringBuilder();
        for (Option o : OPTIONS) {
            sb.append(String.format("  --%-20s %-14s (default %s) %s%n", o.name(), values.get(o.name()), o.fallback(), o.help()));
        }
        return sb.toString();
    }

    public static String usage() {
        StringBuilder sb = new StringBuilder("Options (--name value):\n");
        for (Option o : OPTIONS) sb.append(String.format("  --%-20s default %-14s %s%n", o.name(), o.fallback(), o.help()));
        return sb.toString();
    }
}
