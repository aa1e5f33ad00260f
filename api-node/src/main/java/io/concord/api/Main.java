package io.concord.api;

import io.concord.api.access.AccessService;
import io.concord.api.applications.ApplicationRoutes;
import io.concord.api.applications.ApplicationService;
import io.concord.api.audit.AuditLog;
import io.concord.api.audit.AuditLogPurge;
import io.concord.api.audit.AuditLogRoutes;
import io.concord.api.audit.AuditLogService;
import io.concord.api.auth.AuthRoutes;
import io.concord.api.auth.AuthService;
import io.concord.api.channels.ChannelRoutes;
import io.concord.api.channels.ChannelService;
import io.concord.api.events.EventPublisher;
import io.concord.api.gateway.GatewayRoutes;
import io.concord.api.guilds.GuildRoutes;
import io.concord.api.guilds.GuildService;
import io.concord.api.http.ApiHandler;
import io.concord.api.http.Router;
import io.concord.api.invites.InviteRoutes;
import io.concord.api.invites.InviteService;
import io.concord.api.members.MemberRoutes;
import io.concord.api.members.MemberService;
import io.concord.api.audit.AuditLog;
import io.concord.api.messages.BulkDeleteRoutes;
import io.concord.api.messages.BulkDeleteService;
import io.concord.api.messages.ContentAccess;
import io.concord.api.moderation.BanRepository;
import io.concord.api.moderation.ModerationRoutes;
import io.concord.api.moderation.ModerationService;
import io.concord.api.messages.MessageRoutes;
import io.concord.api.readstates.ReadStateRoutes;
import io.concord.api.readstates.ReadStateService;
import io.concord.common.readstate.MentionStore;
import io.concord.common.readstate.ReadStateCache;
import io.concord.common.readstate.ReadStateReader;
import io.concord.common.readstate.ReadStateRepository;
import io.concord.api.messages.MessageViews;
import io.concord.api.messages.MessageMetrics;
import io.concord.api.messages.MessageService;
import io.concord.api.messages.PinRoutes;
import io.concord.api.messages.PinService;
import io.concord.api.messages.TypingService;
import io.concord.api.reactions.ReactionRoutes;
import io.concord.api.reactions.ReactionService;
import io.concord.api.ratelimit.RateLimiter;
import io.concord.api.ratelimit.RedisRateLimiter;
import io.concord.api.ratelimit.RouteLimits;
import io.concord.api.roles.RoleRoutes;
import io.concord.api.search.SearchRoutes;
import io.concord.api.search.SearchService;
import io.concord.common.search.IndexProgress;
import io.concord.common.search.MessageIndex;
import io.concord.api.roles.RoleService;
import io.concord.api.users.ProfileRoutes;
import io.concord.api.oauth2.BotAuthorizationService;
import io.concord.api.oauth2.OAuth2Routes;
import io.concord.api.users.UserRoutes;
import io.concord.api.users.UserService;
import io.concord.common.admin.AdminServer;
import io.concord.common.admin.HealthCheck;
import io.concord.common.application.ApplicationRepository;
import io.concord.common.auth.AccessTokens;
import io.concord.common.auth.TokenAuthenticator;
import io.concord.common.event.EventStreams;
import io.concord.common.gateway.SessionStarts;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.message.MessageRepository;
import io.concord.common.message.PinRepository;
import io.concord.common.message.ReactionRepository;
import io.concord.common.routing.NodeRegistry;
import io.concord.api.devices.DeviceRoutes;
import io.concord.api.dms.DmRoutes;
import io.concord.api.dms.DmService;
import io.concord.common.dm.DmRepository;
import io.concord.common.notify.DeviceRepository;
import io.concord.common.server.ProcessMain;
import io.concord.common.server.Servers;
import io.concord.common.store.Cql;
import io.concord.common.store.Postgres;
import io.concord.common.store.Redis;
import io.concord.common.user.UserRepository;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import redis.clients.jedis.RedisClient;

/** The api-node's composition root. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        ProcessMain.run("api-node", () -> ApiConfig.fromEnv(System.getenv()), c -> {
            ApiNode node = start(c, Clock.systemUTC());
            log.info("api-node listening on {} (admin {})", node.port(), node.adminPort());
            return node;
        });
    }

    public static ApiNode start(ApiConfig config, Clock clock) throws Exception {
        MDC.put("node_id", "api-" + config.nodeId());
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        RedisClient redis = Redis.connect(config.stores());
        Postgres postgres = Postgres.connect(config.stores());
        Cql cql = Cql.connect(config.stores());
        SnowflakeGenerator ids = new SnowflakeGenerator(clock, config.nodeId());

        UserRepository users = new UserRepository(postgres.jdbi());
        ChannelRepository channels = new ChannelRepository(postgres.jdbi());
        GuildRepository guilds = new GuildRepository(postgres.jdbi(), channels);
        MemberRepository members = new MemberRepository(postgres.jdbi());
        MessageRepository messages = new MessageRepository(cql.session(), clock);
        ReactionRepository reactions = new ReactionRepository(cql.session());
        PinRepository pins = new PinRepository(cql.session());
        ApplicationRepository applications = new ApplicationRepository(postgres.jdbi());

        AccessTokens tokens = new AccessTokens(config.tokenSecret(), config.accessTokenTtl(), clock);
        TokenAuthenticator authenticator = new TokenAuthenticator(tokens, redis, applications);
        DmRepository dms = new DmRepository(postgres.jdbi());
        EventStreams streams = new EventStreams(redis, config.stores().guildPartitions(), config.stores().guildStreamMaxLength());
        EventPublisher events = new EventPublisher(streams, dms::recipients);
        AccessService access = new AccessService(guilds, channels, members, clock, dms);
        AuditLogService auditLog = new AuditLogService(postgres.jdbi(), users, access, events, ids, clock, config.auditLog());
        AuditLog audit = auditLog;
        AuditLogPurge auditPurge = new AuditLogPurge(auditLog, redis, config.auditLog());
        GuildService guildService = new GuildService(guilds, channels, members, access, events, ids, clock, audit);

        BanRepository bans = new BanRepository(postgres.jdbi());

        Router router = new Router();
        AuthRoutes.register(router, new AuthService(postgres.jdbi(), users, tokens, authenticator, ids));
        UserRoutes.register(router, users, guilds, members, clock);
        GuildRoutes.register(router, guildService);
        DmService dmService = new DmService(dms, users, events, ids, config.groupDmMaxRecipients());
        ChannelRoutes.register(router, new ChannelService(guilds, channels, members, access, events, ids, clock, audit), dmService);
        DmRoutes.register(router, dmService);
        DeviceRoutes.register(router, new DeviceRepository(postgres.jdbi()));
        RoleRoutes.register(router, new RoleService(guilds, channels, access, events, ids, audit));
        MemberService memberService = new MemberService(guilds, members, access, events, clock, audit);
        MemberRoutes.register(router, memberService);
        ProfileRoutes.register(router, new UserService(users, memberService, events), memberService);
        InviteRoutes.register(router, new InviteService(postgres.jdbi(), guilds, channels, members, users, access, guildService, events, bans, clock, audit));
        MessageViews views = new MessageViews(users, messages, reactions, new ContentAccess(applications));
        MessageService messageService = new MessageService(access, messages, reactions, pins, members, views, events, ids, redis, clock, audit,
                new MessageMetrics(registry))
                .onDmMessage(dmService::messageSent);
        MessageRoutes.register(router, messageService, new TypingService(access, members, events, redis, clock));
        BulkDeleteService bulkDelete = new BulkDeleteService(access, messageService, messages, channels, audit, clock);
        BulkDeleteRoutes.register(router, bulkDelete);
        ModerationRoutes.register(router, new ModerationService(bans, members, users, access, events, bulkDelete, audit, clock));
        PinRoutes.register(router, new PinService(access, messageService, messages, pins, clock, audit));
        SearchRoutes.register(router, new SearchService(access, channels, messages, views, users, new ContentAccess(applications),
                MessageIndex.of(config.search()), new IndexProgress(redis), streams, config.search(), clock));
        ReactionRoutes.register(router, new ReactionService(access, messages, reactions, members, users, events));
        ReadStateCache readStateCache = new ReadStateCache(redis, clock);
        ReadStateRoutes.register(router, new ReadStateService(access, messages, readStateCache, new ReadStateReader(readStateCache,
                new ReadStateRepository(cql.session()), new MentionStore(cql.session()), guilds, members, clock).withDmChannels(dms::channelIdsOf),
                guilds, events));
        GatewayRoutes.register(router, new NodeRegistry(redis), new SessionStarts(redis, clock));
        AuditLogRoutes.register(router, auditLog);
        ApplicationRoutes.register(router, new ApplicationService(applications, users, authenticator, ids));
        OAuth2Routes.register(router, new BotAuthorizationService(postgres.jdbi(), applications, users, access, guildService, events, ids, clock, audit));

        Server server = Servers.create("api", config.bindHost(), config.port());
        RateLimiter rateLimiter = config.rateLimits().enabled()
                ? new RedisRateLimiter(config.rateLimits(), RouteLimits.discord(config.rateLimits().scalePercent()), redis, clock, registry)
                : RateLimiter.OFF;
        server.setHandler(new ApiHandler(router, authenticator, rateLimiter, registry));
        AdminServer admin = new AdminServer(config.bindHost(), config.adminPort(), registry, List.of(
                new HealthCheck("redis", () -> Redis.isReachable(redis)),
                new HealthCheck("postgres", postgres::isReachable),
                new HealthCheck("cql", cql::isReachable)), () -> false);
        server.start();
        admin.start();
        return new ApiNode(server, admin, () -> {
            auditPurge.close();
            cql.close();
            postgres.close();
            redis.close();
        });
    }
}
