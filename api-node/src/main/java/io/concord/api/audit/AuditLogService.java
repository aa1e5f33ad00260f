package io.concord.api.audit;

import io.concord.api.access.AccessService;
import io.concord.api.events.EventPublisher;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.id.Snowflakes;
import io.concord.common.permission.Permission;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The audit log in PostgreSQL: records entries (then announces each with GUILD_AUDIT_LOG_ENTRY_CREATE,
 * guild-wide; the ws-node delivers it only to members with VIEW_AUDIT_LOG), answers the GET, and
 * deletes what is older than the retention. An entry past the retention is never answered, whether
 * or not the purge has run yet.
 */
public final class AuditLogService implements AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLogService.class);
    static final int PURGE_BATCH = 10_000;
    /** Actions whose target is a user, who is then listed in the answer's {@code users}. */
    private static final Set<AuditAction> USER_TARGETS = Set.of(AuditAction.MEMBER_KICK, AuditAction.MEMBER_BAN_ADD,
            AuditAction.MEMBER_BAN_REMOVE, AuditAction.MEMBER_UPDATE, AuditAction.MEMBER_ROLE_UPDATE, AuditAction.BOT_ADD,
            AuditAction.MESSAGE_DELETE, AuditAction.MESSAGE_PIN, AuditAction.MESSAGE_UNPIN);
    private static final Set<Integer> USER_TARGET_TYPES = Set.copyOf(USER_TARGETS.stream().map(AuditAction::type).toList());
    private final AuditLogRepository entries;
    private final UserRepository users;
    private final AccessService access;
    private final EventPublisher events;
    private final SnowflakeGenerator ids;
    private final Clock clock;
    private final AuditLogConfig config;

    public AuditLogService(Jdbi jdbi, UserRepository users, AccessService access, EventPublisher events, SnowflakeGenerator ids,
                           Clock clock, AuditLogConfig config) {
        this.entries = new AuditLogRepository(jdbi);
        this.users = users;
        this.access = access;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.config = config;
    }

    /**
     * The action is already stored when this runs, so a failure here must not turn it into an error
     * the client would retry: it is logged instead.
     */
    @Override
    public void record(AuditEntry entry) {
        long id = ids.next();
        try {
            entries.insert(id, entry);
        } catch (RuntimeException e) {
            // Typically the guild was deleted meanwhile, and its log with it.
            log.warn("audit log entry {} of guild {} not stored", entry.action(), entry.guildId(), e);
            return;
        }
        try {
            events.publish("GUILD_AUDIT_LOG_ENTRY_CREATE", entry.guildId(), 0, List.of(), AuditEntryView.of(id, entry).withGuild(entry.guildId()));
        } catch (RuntimeException e) {
            log.warn("GUILD_AUDIT_LOG_ENTRY_CREATE {} of guild {} not published", id, entry.guildId(), e);
        }
    }

    /** {@code GET /guilds/{g}/audit-logs}: VIEW_AUDIT_LOG. */
    public Map<String, Object> read(long callerId, AuditQuery query) {
        access.guild(callerId, query.guildId(), Permission.VIEW_AUDIT_LOG);
        List<AuditEntryView> page = entries.page(query, oldestKeptId()).stream().map(AuditEntryView::of).toList();
        Set<Long> named = new LinkedHashSet<>();
        for (AuditEntryView e : page) {
            named.add(e.userId());
            if (e.targetId() != null && USER_TARGET_TYPES.contains(e.actionType())) named.add(e.targetId());
            memberOverwrite(e.options()).ifPresent(named::add);
        }
        Map<Long, UserRow> found = users.byIds(named);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("audit_log_entries", page);
        body.put("users", named.stream().map(found::get).filter(u -> u != null).map(UserRow::toUser).toList());
        for (String empty : List.of("integrations", "webhooks", "guild_scheduled_events", "threads", "application_commands",
                "auto_moderation_rules")) {
            body.put(empty, List.of());
        }
        return body;
    }

    /** Deletes every expired entry, in batches; the number deleted. */
    public int purgeExpired() {
        long oldest = oldestKeptId();
        int total = 0;
        int deleted;
        do {
            deleted = entries.deleteOlderThan(oldest, PURGE_BATCH);
            total += deleted;
        } while (deleted == PURGE_BATCH);
        return total;
    }

    /** The smallest id still within the retention (0 when the retention reaches back past the snowflake epoch). */
    private long oldestKeptId() {
        Instant now = clock.instant();
        long cutoffMs = now.toEpochMilli() - Math.min(config.retention().toMillis(), now.toEpochMilli());
        return cutoffMs <= Snowflakes.DISCORD_EPOCH_MS ? 0 : Snowflakes.fromTimestamp(cutoffMs);
    }

    /** The user an overwrite entry is about ({@code options.type} "1"), listed in {@code users} as Discord does. */
    private static Optional<Long> memberOverwrite(JsonNode options) {
        if (options == null || !"1".equals(options.path("type").asString(""))) return Optional.empty();
        var id = Snowflakes.parse(options.path("id").asString(""));
        return id.isPresent() ? Optional.of(id.getAsLong()) : Optional.empty();
    }
}
