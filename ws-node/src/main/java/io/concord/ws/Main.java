package io.concord.ws;

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
import io.concord.common.routing.InterestRegistry;
import io.concord.common.routing.NodeRegistry;
import io.concord.common.server.ProcessMain;
import io.concord.common.store.Postgres;
import io.concord.common.store.Redis;
import io.concord.common.user.UserRepository;
import io.concord.ws.drain.Drainer;
import io.concord.ws.gateway.GatewayProtocol;
import io.concord.ws.gateway.GatewayServer;
import io.concord.ws.gateway.HeartbeatMonitor;
import io.concord.ws.gateway.IdentifyService;
import io.concord.ws.readstate.ReadyReadStates;
import io.concord.ws.guild.GuildSnapshots;
import io.concord.ws.guild.PermissionCache;
import io.concord.ws.lazy.LargeGuilds;
import io.concord.ws.members.MemberRequests;
import io.concord.ws.metrics.GatewayMetrics;
import io.concord.ws.presence.DeadNodeReaper;
import io.concord.ws.presence.Presence;
import io.concord.ws.presence.PresenceService;
import io.concord.ws.presence.PresenceStore;
import io.concord.ws.relay.EventRouter;
import io.concord.ws.relay.EventRules;
import io.concord.ws.relay.RoutedPositions;
import io.concord.ws.resume.CheckpointFlusher;
import io.concord.ws.resume.ResumeService;
import io.concord.ws.resume.ResumeTracker;
import io.concord.ws.resume.SessionStore;
import io.concord.ws.resume.StreamRebuild;
import io.concord.ws.relay.RelayReader;
import io.concord.ws.routing.NodeAnnouncer;
import io.concord.ws.session.SessionRegistry;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import io.concord.common.dm.DmRepository;
import io.concord.common.dm.PrivateChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/** The ws-node's composition root: production and tests start the very same wiring. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        // Log lines are encoded on one thread, not on every virtual thread that logs (see AsyncConsole).
        AsyncConsole.install();
        try {
            ProcessMain.run("ws-node", () -> WsConfig.fromEnv(System.getenv()), c -> {
                WsNode node = start(c, Clock.systemUTC());
                // POST /drain ends the process once drained (status 0); SIGTERM drains first (bounded by the
                // deadline), then closes, and the JVM ends with the usual 143.
                node.drained().thenRun(() -> {
                    if (!node.isStopping()) ProcessMain.exitLater("ws-node", 0);
                });
                return () -> {
                    try {
                        node.drainAndClose();
                    } finally {
                        AsyncConsole.flush();
                    }
                };
            });
        } catch (Exception | Error e) {
            AsyncConsole.flush();
            throw e;
        }
    }

    /** Starts a node; on failure everything already started is closed again and the cause rethrown. */
    public static WsNode start(WsConfig config, Clock clock) {
        // Filled in start order; closed in reverse, so each part stops before what it depends on.
        List<AutoCloseable> started = new ArrayList<>();
        try {
            return start(config, clock, started);
        } catch (Exception e) {
            WsNode.closeAll(started.reversed());
            if (e instanceof RuntimeException re) throw re;
            throw new IllegalStateException("ws-node " + config.nodeId() + " failed to start", e);
        }
    }

    private static WsNode start(WsConfig config, Clock clock, List<AutoCloseable> started) throws Exception {
        int nodeId = config.nodeId();
        RedisClient redis = Redis.connect(config.stores());
        started.add(redis);
        Postgres postgres = Postgres.connect(config.stores());
        started.add(postgres);
        Jdbi jdbi = postgres.jdbi();
        ChannelRepository channels = new ChannelRepository(jdbi);
        GuildRepository guilds = new GuildRepository(jdbi, channels);
        MemberRepository members = new MemberRepository(jdbi);
        UserRepository users = new UserRepository(jdbi);
        ApplicationRepository applications = new ApplicationRepository(jdbi);
        TokenAuthenticator authenticator = new TokenAuthenticator(
                new AccessTokens(config.tokenSecret(), config.accessTokenTtl(), clock), redis, applications);

        InterestRegistry interests = new InterestRegistry(redis);
        // A previous life of this node id may have crashed with registrations still counted.
        interests.clearNode(nodeId);
        started.add(() -> interests.clearNode(nodeId));

        PermissionCache permissions = new PermissionCache(guilds, members);
        SessionRegistry sessions = new SessionRegistry(nodeId, interests, permissions::forget, clock, config.resumeWindow());
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        GatewayMetrics metrics = new GatewayMetrics(registry, sessions::count);
        NodeRegistry nodes = new NodeRegistry(redis);
        PresenceStore presenceStore = new PresenceStore(redis);
        PresenceService presences = new PresenceService(presenceStore, guilds,
                new EventStreams(redis, config.stores().guildPartitions(), config.stores().guildStreamMaxLength()), sessions, nodeId);
        LargeGuilds largeGuilds = new LargeGuilds(sessions, guilds, members, permissions::guild, presences::visible, clock,
                config.largeGuilds(), metrics, registry);
        GuildSnapshots snapshots = new GuildSnapshots(guilds, channels, members, permissions, clock, presences::visible,
                config.largeGuilds().largeGuildMembers(), largeGuilds);

        ResumeTracker tracker = new ResumeTracker(redis, config.stores().guildPartitions());
        SessionStore sessionStore = new SessionStore(redis, config.resumeWindow());
        sessions.onAttached(tracker::attached);
        sessions.onEnded(s -> {
            tracker.ended(s, sessionStore);
            largeGuilds.ended(s);
        });
        RoutedPositions routed = new RoutedPositions();
        EventRouter router = new EventRouter(sessions, new EventRules(permissions, snapshots, clock), metrics, routed, tracker, largeGuilds,
                config.deliveryThreads(), config.deliveryMinPerThread());
        RelayReader relay = new RelayReader(redis, nodeId, router::route, metrics, clock);
        relay.start();
        started.add(relay);

        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, Thread.ofPlatform().name("ws-timers", 0).daemon().factory());
        started.add(timers::shutdownNow);
        DeadNodeReaper reaper = new DeadNodeReaper(presenceStore, nodes, presences, interests, nodeId);
        reaper.start(timers, config.presenceReapIntervalMs());
        started.add(reaper);
        HeartbeatMonitor heartbeats = new HeartbeatMonitor(sessions, clock, config.heartbeatIntervalMs(), timers);
        started.add(heartbeats);
        CheckpointFlusher checkpoints = new CheckpointFlusher(sessions, tracker, routed, sessionStore, clock, nodeId, config.resumeWindow(),
                largeGuilds::checkpoint);
        timers.scheduleWithFixedDelay(checkpoints::flush, config.checkpointIntervalMs(), config.checkpointIntervalMs(), TimeUnit.MILLISECONDS);
        started.add(checkpoints);
        largeGuilds.writeAheadWith(checkpoints::writeAhead);
        long listFlushMs = config.largeGuilds().memberListFlushMs();
        timers.scheduleWithFixedDelay(largeGuilds::flush, listFlushMs, listFlushMs, TimeUnit.MILLISECONDS);

        GatewayServer gateway = new GatewayServer(config.bindHost(), config.port());
        started.add(gateway);
        String publicUrl = config.publicUrl(gateway.port());
        NodeAnnouncer announcer = new NodeAnnouncer(new NodeRegistry(redis), nodeId, publicUrl, config.maxSessions(), sessions::count);
        Drainer drainer = new Drainer(config.drain(), sessions, announcer, timers, new java.util.Random());
        IdentifyService identify = new IdentifyService(authenticator, users, guilds, snapshots, sessions, metrics, publicUrl,
                applications, new SessionStarts(redis, clock), presences);
        ReadyReadStates readStates = ReadyReadStates.connect(config.stores(), redis, guilds, members, clock);
        started.add(readStates);
        identify.withReadStates(readStates);
        DmRepository dms = new DmRepository(jdbi);
        readStates.withDmChannels(dms::channelIdsOf);
        PrivateChannels privateChannels = new PrivateChannels(dms, users);
        identify.withPrivateChannels(privateChannels::of);
        ResumeService resume = new ResumeService(authenticator, sessions, tracker, sessionStore,
                new StreamRebuild(redis, guilds, members, snapshots, clock), metrics, checkpoints, nodeId,
                session -> presences.update(session, Presence.ONLINE), largeGuilds);
        gateway.start(config, new GatewayProtocol(identify, metrics, clock, config.heartbeatIntervalMs(), presences,
                new MemberRequests(members, presences, metrics, clock, checkpoints), resume, largeGuilds), sessions, metrics, clock, drainer::isDraining);
        // Closed before the gateway: the sockets Jetty closes on the way down leave their sessions resumable elsewhere.
        started.add(sessions::halt);

        AdminServer admin = new AdminServer(config.bindHost(), config.adminPort(), registry, List.of(
                new HealthCheck("redis", () -> Redis.isReachable(redis)),
                new HealthCheck("postgres", postgres::isReachable)), drainer::isDraining);
        admin.onPost("/drain", drainer::start);
        admin.start();
        started.add(admin);

        announcer.start(timers);
        started.add(announcer);

        log.info("ws-node {} listening on {} (admin port {})", nodeId, publicUrl, admin.port());
        List<AutoCloseable> halt = List.of(sessions::halt, relay, timers::shutdownNow, gateway, admin, redis, postgres);
        return new WsNode(nodeId, gateway.port(), admin.port(), publicUrl, List.copyOf(started.reversed()), halt, drainer);
    }
}
