package io.concord.bench.memory;

import io.concord.common.auth.AccessTokens;
import io.concord.common.auth.Principal;
import io.concord.common.config.StoreConfig;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.GuildRow;
import io.concord.common.guild.MemberRepository;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.model.Channel;
import io.concord.common.model.ChannelType;
import io.concord.common.model.Role;
import io.concord.common.permission.Permission;
import io.concord.common.store.Postgres;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The users the load clients identify as, written through the common repositories: {@code users}
 * people in guilds of {@code guildSize} members (each guild with one text channel), and one access
 * token per user signed with the node's secret. Several sessions share a user's token.
 */
public final class Seed {
    private Seed() {}

    /** One seeded guild: its id, its text channel and its owner (the first of its members). */
    public record Guild(long guildId, long channelId, long ownerId) {}

    /** The tokens issued (user i's at index i) and the guilds (user i is in guild i / guildSize). */
    public record Seeded(List<String> tokens, List<Guild> guilds) {}

    static List<String> users(StoreConfig stores, String tokenSecret, int users, int guildSize, int workerId) {
        return seed(stores, tokenSecret, users, guildSize, workerId).tokens();
    }

    public static Seeded seed(StoreConfig stores, String tokenSecret, int users, int guildSize, int workerId) {
        Clock clock = Clock.systemUTC();
        SnowflakeGenerator ids = new SnowflakeGenerator(clock, workerId);
        AccessTokens tokens = new AccessTokens(tokenSecret, Duration.ofHours(6), clock);
        List<String> issued = new ArrayList<>(users);
        List<Guild> seededGuilds = new ArrayList<>();
        try (Postgres postgres = Postgres.connect(stores)) {
            postgres.migrate();
            UserRepository userRepo = new UserRepository(postgres.jdbi());
            ChannelRepository channels = new ChannelRepository(postgres.jdbi());
            GuildRepository guilds = new GuildRepository(postgres.jdbi(), channels);
            MemberRepository members = new MemberRepository(postgres.jdbi());
            long guildId = 0;
            for (int i = 0; i < users; i++) {
                long userId = ids.next();
                String name = "bench" + userId;
                userRepo.insert(new UserRow(userId, name, name, Optional.of(name + "@bench.invalid"), Optional.empty(), false));
                if (guildSize > 0) {
                    if (i % guildSize == 0) {
                        guildId = ids.next();
                        long channelId = ids.next();
                        Channel general = new Channel(channelId, ChannelType.GUILD_TEXT, guildId, "general", 0, null, null, false, 0, List.of());
                        guilds.create(new GuildRow(guildId, "bench guild " + (i / guildSize), userId, channelId),
                                Role.create(guildId, "@everyone", 0, false, 0, Permission.DEFAULT_EVERYONE, false, false),
                                List.of(general), clock.instant());
                        seededGuilds.add(new Guild(guildId, channelId, userId));
                    } else {
                        members.add(guildId, userId, clock.instant());
                    }
                }
                issued.add(tokens.issue(new Principal(userId, ids.next())));
            }
        }
        return new Seeded(issued, seededGuilds);
    }
}
