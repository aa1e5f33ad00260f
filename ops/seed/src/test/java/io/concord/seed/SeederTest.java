package io.concord.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.application.ApplicationRepository;
import io.concord.common.auth.AccessTokens;
import io.concord.common.auth.BotTokens;
import io.concord.common.auth.Principal;
import io.concord.common.config.StoreConfig;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.message.HistoryQuery;
import io.concord.common.message.MessageRepository;
import io.concord.common.message.StoredMessage;
import io.concord.common.model.ChannelType;
import io.concord.common.model.Role;
import io.concord.common.permission.Permission;
import io.concord.common.store.Cql;
import io.concord.common.store.Postgres;
import io.concord.common.test.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small seed written to the real stores, read back through the repositories the services use. */
class SeederTest {
    private static final int NODE_ID = 604;
    private static final String SECRET = "seeder-test-secret-0123456789abcdef-0123";
    private static final SeedPlan PLAN = new SeedPlan(23, 5, 12, 2, 3, 2, 7, 1, NODE_ID, Path.of("unused"));
    private static Postgres postgres;
    private static Cql cql;
    private static SeedData data;
    private static final List<Seeder.Step> steps = new ArrayList<>();

    @BeforeAll
    static void seed() {
        StoreConfig stores = TestStack.stores();
        postgres = Postgres.connect(stores);
        cql = Cql.connect(stores);
        Clock clock = Clock.systemUTC();
        data = new Seeder(PLAN, SECRET, clock).seed(new PostgresWriter(postgres.jdbi()),
                Optional.of(new HistoryWriter(new MessageRepository(cql.session(), clock))), steps);
    }

    @AfterAll
    static void close() {
        cql.close();
        postgres.close();
    }

    @Test
    void everyUserHasAWorkingTokenAndIsAMemberOfExactlyTheirSmallGuild() {
        AccessTokens tokens = new AccessTokens(SECRET, Duration.ofHours(1), Clock.systemUTC());
        MemberRepository members = new MemberRepository(postgres.jdbi());
        GuildRepository guilds = new GuildRepository(postgres.jdbi(), new ChannelRepository(postgres.jdbi()));

        assertThat(data.users()).hasSize(23);
        assertThat(data.smallGuilds()).hasSize(5).extracting(SeedData.Guild::memberCount).containsExactly(5, 5, 5, 5, 3);
        for (SeedData.User u : data.users()) {
            assertThat(tokens.verify(u.token())).map(Principal::userId).contains(u.id());
            long guildId = data.smallGuilds().get(u.guild()).id();
            assertThat(members.isMember(guildId, u.id())).isTrue();
            int inLarge = data.users().indexOf(u) < 12 ? 1 : 0;
            assertThat(guilds.guildsOf(u.id())).hasSize(1 + inLarge);
        }
    }

    @Test
    void guildsHaveTheirOwnerEveryoneRoleAndATextChannel() {
        GuildRepository guilds = new GuildRepository(postgres.jdbi(), new ChannelRepository(postgres.jdbi()));
        ChannelRepository channels = new ChannelRepository(postgres.jdbi());

        for (SeedData.Guild g : data.smallGuilds()) {
            assertThat(guilds.find(g.id())).hasValueSatisfying(row -> assertThat(row.ownerId()).isEqualTo(g.ownerId(data.users())));
            assertThat(guilds.roles(g.id())).filteredOn(r -> r.id() == g.id()).singleElement()
                    .satisfies(r -> assertThat(r.permissions()).isEqualTo(Permission.DEFAULT_EVERYONE));
            assertThat(channels.inGuild(g.id())).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo(g.channelId());
                assertThat(c.type()).isEqualTo(ChannelType.GUILD_TEXT);
            });
        }
    }

    @Test
    void theLargeGuildHoldsTheFirstUsersAndTheBots() {
        MemberRepository members = new MemberRepository(postgres.jdbi());
        SeedData.Guild large = data.largeGuild().orElseThrow();

        assertThat(members.count(large.id())).isEqualTo(12 + 2);
        assertThat(members.isMember(large.id(), data.users().get(11).id())).isTrue();
        assertThat(members.isMember(large.id(), data.users().get(12).id())).isFalse();
    }

    @Test
    void botTokensResolveToTheirBotWhichHoldsAManagedRoleInEachOfItsGuilds() {
        ApplicationRepository applications = new ApplicationRepository(postgres.jdbi());
        GuildRepository guilds = new GuildRepository(postgres.jdbi(), new ChannelRepository(postgres.jdbi()));
        MemberRepository members = new MemberRepository(postgres.jdbi());

        assertThat(data.bots()).hasSize(2);
        for (SeedData.Bot bot : data.bots()) {
            assertThat(applications.botUserId(BotTokens.hash(bot.token())).getAsLong()).isEqualTo(bot.id());
            assertThat(BotTokens.claimedUserId(bot.token()).getAsLong()).isEqualTo(bot.id());
            assertThat(bot.guildIds()).hasSize(1 + 3).startsWith(data.largeGuild().orElseThrow().id());
            for (long guildId : bot.guildIds()) {
                Role role = guilds.roles(guildId).stream().filter(r -> r.tags() != null && r.tags().botId() == bot.id()).findFirst().orElseThrow();
                assertThat(role.managed()).isTrue();
                assertThat(members.find(guildId, bot.id())).hasValueSatisfying(m -> assertThat(m.roles()).containsExactly(role.id()));
            }
        }
    }

    @Test
    void historyChannelsHoldTheirMessagesNewestFirst() {
        MessageRepository messages = new MessageRepository(cql.session(), Clock.systemUTC());

        assertThat(data.history()).hasSize(2);
        for (SeedData.History h : data.history()) {
            long channelId = data.smallGuilds().get(h.guild()).channelId();
            List<StoredMessage> page = messages.history(channelId, HistoryQuery.latest(50));
            assertThat(page).hasSize(7);
            assertThat(page.getFirst().id()).isEqualTo(h.newestMessageId());
            assertThat(page.getLast().id()).isEqualTo(h.oldestMessageId());
        }
    }

    @Test
    void feederFilesHoldOneRowPerSessionSourceAndReplaceAnEarlierSeed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("seed-large-guild.csv"), "stale");

        FeederFiles.write(dir, new SeedData(data.users(), data.smallGuilds(), Optional.empty(), data.bots(), data.history()));

        assertThat(Files.readAllLines(dir.resolve("seed-users.csv"))).hasSize(1 + 23).first().isEqualTo("user_id,token,guild_id,channel_id");
        assertThat(dir.resolve("seed-large-guild.csv")).as("no large guild this time").doesNotExist();
        assertThat(Files.readAllLines(dir.resolve("seed-bots.csv"))).hasSize(1 + 2);
        assertThat(Files.readAllLines(dir.resolve("seed-history.csv"))).hasSize(1 + 5 + 5);
        String first = Files.readAllLines(dir.resolve("seed-users.csv")).get(1);
        SeedData.User u = data.users().getFirst();
        assertThat(first).isEqualTo(u.id() + "," + u.token() + "," + data.smallGuilds().getFirst().id() + "," + data.smallGuilds().getFirst().channelId());
    }
}
