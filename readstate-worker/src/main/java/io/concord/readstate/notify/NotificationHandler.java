package io.concord.readstate.notify;

import io.concord.common.dm.DmRepository;
import io.concord.common.event.GuildEvent;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.MemberRepository;
import io.concord.common.id.Snowflakes;
import io.concord.common.json.Json;
import io.concord.common.lease.StreamHandler;
import io.concord.common.model.Channel;
import io.concord.common.notify.Device;
import io.concord.common.notify.DeviceRepository;
import io.concord.common.notify.NotificationQueue;
import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.GuildAccess.MemberAccess;
import io.concord.common.routing.InterestRegistry;
import io.concord.common.routing.NodeRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Consumer group {@code notify} on the guild streams: for a new message, decides who is notified
 * (the read-state rules: direct @user, @role, @everyone/@here when the message's mention_everyone is
 * true, every DM recipient; only users who can view the channel; never the author), keeps those
 * with no gateway session on a live ws-node and at least one device, and queues one notification
 * per device in PostgreSQL. A MESSAGE_ACK cancels the user's pending notifications up to the acked
 * message; a MESSAGE_DELETE cancels the message's. Every effect is idempotent (a replay after a
 * crash queues nothing twice: the queue's key is (device, message)).
 */
final class NotificationHandler implements StreamHandler {
    static final int CONTENT_EXCERPT = 200;
    private static final Logger log = LoggerFactory.getLogger(NotificationHandler.class);
    private final DeviceRepository devices;
    private final NotificationQueue queue;
    private final MemberRepository members;
    private final GuildRepository guilds;
    private final ChannelRepository channels;
    private final DmRepository dms;
    private final InterestRegistry interests;
    private final NodeRegistry nodes;
    private final NotifyConfig config;
    private final Clock clock;
    private final Counter queued;
    private final Counter skippedOnline;
    private final Counter cancelled;

    NotificationHandler(DeviceRepository devices, NotificationQueue queue, MemberRepository members, GuildRepository guilds,
                        ChannelRepository channels, DmRepository dms, InterestRegistry interests, NodeRegistry nodes, NotifyConfig config,
                        Clock clock, PrometheusRegistry registry) {
        this.devices = devices;
        this.queue = queue;
        this.members = members;
        this.guilds = guilds;
        this.channels = channels;
        this.dms = dms;
        this.interests = interests;
        this.nodes = nodes;
        this.config = config;
        this.clock = clock;
        this.queued = Counter.builder().name("notify_queued_total").help("Notifications queued (one per device and message)")
                .register(registry);
        this.skippedOnline = Counter.builder().name("notify_skipped_online_total")
                .help("Notified users skipped because they had a gateway session on a live node").register(registry);
        this.cancelled = Counter.builder().name("notify_cancelled_total").help("Queued notifications cancelled by an ack or a delete")
                .register(registry);
    }

    @Override
    public void handle(int partition, StreamEntryID id, GuildEvent event) {
        try {
            dispatch(event);
        } catch (org.jdbi.v3.core.JdbiException | redis.clients.jedis.exceptions.JedisException e) {
            throw e; // a store is down: the entry stays pending and is retried
        } catch (RuntimeException e) {
            // A bug or an unexpected payload must not block the partition for every later notification.
            log.error("{} skipped by the notification handler", event.type(), e);
        }
    }

    private void dispatch(GuildEvent event) {
        switch (event.type()) {
            case "MESSAGE_CREATE" -> created(event);
            case "MESSAGE_ACK" -> acked(event);
            case "MESSAGE_DELETE" -> parse(event).flatMap(d -> opt(id(d.path("id"))))
                    .ifPresent(m -> cancelled.inc(queue.cancelMessage(event.channelId(), m)));
            default -> { }
        }
    }

    private void acked(GuildEvent event) {
        if (event.userIds().isEmpty()) return;
        parse(event).flatMap(d -> opt(id(d.path("message_id"))))
                .ifPresent(cursor -> cancelled.inc(queue.cancelUpTo(event.userIds().getFirst(), event.channelId(), cursor)));
    }

    private void created(GuildEvent event) {
        Optional<JsonNode> parsed = parse(event);
        if (parsed.isEmpty()) return;
        JsonNode d = parsed.get();
        OptionalLong messageId = id(d.path("id"));
        OptionalLong author = id(d.path("author").path("id"));
        if (messageId.isEmpty() || author.isEmpty()) return;
        Set<Long> targets = new LinkedHashSet<>(event.guildId() == 0 ? dmTargets(event) : guildTargets(event, d));
        targets.remove(author.getAsLong());
        if (targets.isEmpty()) return;
        List<Device> offline = new ArrayList<>();
        Map<Long, List<Device>> byUser = devices.ofUsers(targets).stream().collect(Collectors.groupingBy(Device::userId));
        for (var e : byUser.entrySet()) {
            if (online(e.getKey())) skippedOnline.inc();
            else offline.addAll(e.getValue());
        }
        if (offline.isEmpty()) return;
        Instant due = clock.instant().plus(config.delay());
        for (var e : offline.stream().collect(Collectors.groupingBy(Device::userId)).entrySet()) {
            String payload = payload(event, d, e.getKey());
            queued.inc(queue.enqueue(e.getValue(), messageId.getAsLong(), event.channelId(), payload, due));
        }
    }

    /** Every recipient of the DM or group DM. */
    private Set<Long> dmTargets(GuildEvent event) {
        Set<Long> users = new LinkedHashSet<>(event.userIds());
        if (users.isEmpty()) users.addAll(dms.recipients(event.channelId()));
        return users;
    }

    /** The users the message mentions by the read-state rules, who can view the channel now. */
    private Set<Long> guildTargets(GuildEvent event, JsonNode d) {
        Set<Long> direct = new LinkedHashSet<>();
        for (JsonNode u : d.path("mentions")) id(u.path("id")).ifPresent(direct::add);
        Set<Long> roles = new LinkedHashSet<>();
        for (JsonNode r : d.path("mention_roles")) id(r).ifPresent(roles::add);
        boolean everyone = d.path("mention_everyone").asBoolean(false);
        Set<Long> candidates = new LinkedHashSet<>(direct);
        // A broadcast mention can only notify users with a device: the cost follows devices, not the guild's size.
        if (everyone || !roles.isEmpty()) candidates.addAll(devices.membersWithDevices(event.guildId(), config.maxBroadcastCandidates()));
        if (candidates.isEmpty()) return Set.of();
        Optional<Channel> channel = channels.find(event.channelId());
        Optional<GuildAccess> guild = guilds.guildLevelAccess(event.guildId());
        if (channel.isEmpty() || guild.isEmpty()) return Set.of();
        GuildAccess access = guild.get().withOnly(channel.get());
        Instant now = clock.instant();
        Set<Long> out = new LinkedHashSet<>();
        for (long user : candidates) {
            Optional<MemberAccess> member = members.access(event.guildId(), user);
            if (member.isEmpty() || !access.canView(member.get(), event.channelId(), now)) continue;
            boolean mentioned = direct.contains(user) || everyone || member.get().roleIds().stream().anyMatch(roles::contains);
            if (mentioned) out.add(user);
        }
        return out;
    }

    /** A session on a node that is alive (a dead node's registrations may linger until it is forgotten). */
    private boolean online(long userId) {
        for (int node : interests.userNodes(userId)) if (nodes.isAlive(node)) return true;
        return false;
    }

    private static String payload(GuildEvent event, JsonNode d, long userId) {
        ObjectNode p = Json.object();
        p.put("type", "MESSAGE_CREATE");
        p.put("user_id", Long.toString(userId));
        p.put("message_id", d.path("id").asString());
        p.put("channel_id", Long.toString(event.channelId()));
        if (event.guildId() != 0) p.put("guild_id", Long.toString(event.guildId()));
        ObjectNode author = p.putObject("author");
        author.put("id", d.path("author").path("id").asString());
        author.put("username", d.path("author").path("username").asString(""));
        String content = d.path("content").asString("");
        p.put("content", content.codePointCount(0, content.length()) <= CONTENT_EXCERPT ? content
                : content.substring(0, content.offsetByCodePoints(0, CONTENT_EXCERPT - 1)) + "…");
        return Json.write(p);
    }

    private static Optional<JsonNode> parse(GuildEvent event) {
        try {
            return Optional.of(Json.parse(event.payload()));
        } catch (Json.MalformedJson e) {
            log.warn("unreadable {} payload skipped", event.type());
            return Optional.empty();
        }
    }

    private static Optional<Long> opt(OptionalLong v) {
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }

    private static OptionalLong id(JsonNode n) {
        return n != null && n.isString() ? Snowflakes.parse(n.stringValue()) : OptionalLong.empty();
    }
}
