package io.concord.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concord.api.access.AccessService;
import io.concord.api.audit.AuditAction;
import io.concord.api.audit.AuditEntry;
import io.concord.api.audit.AuditLog;
import io.concord.api.events.EventPublisher;
import io.concord.api.messages.BulkDeleteService;
import io.concord.api.messages.ContentAccess;
import io.concord.api.messages.MessageService;
import io.concord.api.messages.MessageViews;
import io.concord.api.moderation.BanRepository;
import io.concord.api.moderation.ModerationService;
import io.concord.common.application.ApplicationRepository;
import io.concord.common.config.StoreConfig;
import io.concord.common.error.MissingPermissions;
import io.concord.common.event.EventStreams;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.message.MessageRepository;
import io.concord.common.message.PinRepository;
import io.concord.common.message.ReactionRepository;
import io.concord.common.store.Cql;
import io.concord.common.store.Postgres;
import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import io.concord.common.user.UserRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/**
 * The audit entries moderation records: the services built as the api-node builds them, over the
 * same stores, with a recording audit log in place of the real one. The guild and its members are
 * made through a running node's REST API.
 */
class ModerationAuditTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(243);
    private static final Accounts accounts = api.accounts();
    private static final List<AuditEntry> recorded = new CopyOnWriteArrayList<>();
    private static Postgres postgres;
    private static Cql cql;
    private static RedisClient redis;
    private static ModerationService moderation;
    private static BulkDeleteService bulkDelete;

    @BeforeAll
    static void services() {
        StoreConfig stores = TestStack.stores();
        postgres = Postgres.connect(stores);
        cql = Cql.connect(stores);
        redis = Redis.connect(stores);
        Clock clock = Clock.systemUTC();
        AuditLog audit = recorded::add;
        UserRepository users = new UserRepository(postgres.jdbi());
        ChannelRepository channels = new ChannelRepository(postgres.jdbi());
        GuildRepository guilds = new GuildRepository(postgres.jdbi(), channels);
        MemberRepository members = new MemberRepository(postgres.jdbi());
        MessageRepository messages = new MessageRepository(cql.session(), clock);
        ReactionRepository reactions = new ReactionRepository(cql.session());
        EventPublisher events = new EventPublisher(new EventStreams(redis, stores.guildPartitions(), stores.guildStreamMaxLength()));
        AccessService access = new AccessService(guilds, channels, members, clock);
        MessageViews views = new MessageViews(users, messages, reactions, new ContentAccess(new ApplicationRepository(postgres.jdbi())));
        MessageService messageService = new MessageService(access, messages, reactions, new PinRepository(cql.session()), members, views,
                events, new SnowflakeGenerator(clock, 244), redis, clock, audit);
        bulkDelete = new BulkDeleteService(access, messageService, messages, channels, audit, clock);
        moderation = new ModerationService(new BanRepository(postgres.jdbi()), members, users, access, events, bulkDelete, audit, clock);
    }

    @AfterAll
    static void close() {
        if (redis != null) redis.close();
        if (cql != null) cql.close();
        if (postgres != null) postgres.close();
    }

    @BeforeEach
    void clear() {
        recorded.clear();
    }

    private static long id(String snowflake) {
        return Long.parseLong(snowflake);
    }

    private static AuditEntry entry(Accounts.Guild guild, Accounts.User actor, AuditAction action, long target, Map<String, String> options,
                                    Optional<String> reason) {
        return new AuditEntry(id(guild.id()), id(actor.id()), action, target, List.of(), options, reason);
    }

    @Test
    void aKickABanAndAnUnbanEachRecordOneEntryWithActorTargetAndReason() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        Accounts.User banned = accounts.register();
        long guildId = id(g.guild().id());
        long ownerId = id(g.owner().id());

        moderation.kick(ownerId, guildId, id(g.member().id()), Optional.of("cooling off"));
        moderation.ban(ownerId, guildId, id(banned.id()), 0, Optional.of("raid"));
        moderation.ban(ownerId, guildId, id(banned.id()), 0, Optional.of("raid, again"));
        moderation.unban(ownerId, guildId, id(banned.id()), Optional.empty());

        assertThat(recorded).containsExactly(
                entry(g.guild(), g.owner(), AuditAction.MEMBER_KICK, id(g.member().id()), Map.of(), Optional.of("cooling off")),
                entry(g.guild(), g.owner(), AuditAction.MEMBER_BAN_ADD, id(banned.id()), Map.of(), Optional.of("raid")),
                entry(g.guild(), g.owner(), AuditAction.MEMBER_BAN_REMOVE, id(banned.id()), Map.of(), Optional.empty()));
    }

    @Test
    void aBulkBanRecordsOneBanPerBannedUserAndNoneForTheFailed() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        Accounts.User stranger = accounts.register();
        long guildId = id(g.guild().id());

        var result = moderation.bulkBan(id(g.owner().id()), guildId, List.of(id(g.member().id()), id(stranger.id()), id(g.owner().id())),
                0, Optional.of("wave"));

        assertThat(result.failed()).containsExactly(id(g.owner().id()));
        assertThat(recorded).containsExactly(
                entry(g.guild(), g.owner(), AuditAction.MEMBER_BAN_ADD, id(g.member().id()), Map.of(), Optional.of("wave")),
                entry(g.guild(), g.owner(), AuditAction.MEMBER_BAN_ADD, id(stranger.id()), Map.of(), Optional.of("wave")));
    }

    @Test
    void aBulkDeleteRecordsTheChannelAndHowManyMessagesWent() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        String channel = g.guild().generalId();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) ids.add(id(accounts.send(g.member(), channel, "m" + i).json().path("id").asString()));
        ids.add(ids.getLast() + 1); // names no message: skipped, not counted

        bulkDelete.bulkDelete(id(g.owner().id()), id(channel), ids, Optional.of("cleanup"));

        assertThat(recorded).containsExactly(entry(g.guild(), g.owner(), AuditAction.MESSAGE_BULK_DELETE, id(channel),
                Map.of("count", "3"), Optional.of("cleanup")));
    }

    @Test
    void aRefusedActionRecordsNothing() {
        Accounts.GuildWithMember g = accounts.guildWithMember();
        long guildId = id(g.guild().id());

        assertThatThrownBy(() -> moderation.kick(id(g.member().id()), guildId, id(g.owner().id()), Optional.empty()))
                .isInstanceOf(MissingPermissions.class);
        assertThatThrownBy(() -> moderation.ban(id(g.member().id()), guildId, id(g.owner().id()), 0, Optional.empty()))
                .isInstanceOf(MissingPermissions.class);

        assertThat(recorded).isEmpty();
    }
}
