package io.concord.ws.support;

import io.concord.common.auth.AccessTokens;
import io.concord.common.auth.Principal;
import io.concord.common.config.Env;
import io.concord.common.config.StoreConfig;
import io.concord.common.event.GuildEvent;
import io.concord.common.guild.ChannelRepository;
import io.concord.common.guild.GuildRepository;
import io.concord.common.guild.GuildRow;
import io.concord.common.guild.MemberRepository;
import io.concord.common.id.SnowflakeGenerator;
import io.concord.common.model.Channel;
import io.concord.common.model.ChannelType;
import io.concord.common.model.Role;
import io.concord.common.permission.Overwrite;
import io.concord.common.permission.Permission;
import io.concord.common.routing.InterestRegistry;
import io.concord.common.store.Postgres;
import io.concord.common.store.Redis;
import io.concord.common.test.TestStack;
import io.concord.common.user.UserRepository;
import io.concord.common.user.UserRow;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/**
 * Test data written straight through the common repositories, and events published straight onto
 * a node's relay stream (the fanout worker is another module).
 */
public final class TestWorld implements AutoCloseable {
    public record TestGuild(long id, long ownerId, long channelId) {}

    private final Postgres postgres;
    public final RedisClient redis;
    public final UserRepository users;
    public final GuildRepository guilds;
    public final ChannelRepository channels;
    public final MemberRepository members;
    private final AccessTokens tokens;
    private final SnowflakeGenerator ids;

    public TestWorld(int worker) {
        Map<String, String> env = TestStack.env();
        StoreConfig stores = TestStack.stores();
        this.postgres = Postgres.connect(stores);
        this.redis = Redis.connect(stores);
        this.users = new UserRepository(postgres.jdbi());
        this.channels = new ChannelRepository(postgres.jdbi());
        this.guilds = new GuildRepository(postgres.jdbi(), channels);
        this.members = new MemberRepository(postgres.jdbi());
        this.tokens = new AccessTokens(new Env(env).secret("TOKEN_SECRET", 32), Duration.ofMinutes(15), Clock.systemUTC());
        this.ids = new SnowflakeGenerator(Clock.systemUTC(), worker);
    }

    public long id() {
        return ids.next();
    }

    public long user(String name) {
        return user(name, false);
    }

    public long user(String name, boolean bot) {
        long id = id();
        users.insert(new UserRow(id, name, name + " Global", bot ? Optional.empty() : Optional.of(name + id + "@example.test"),
                Optional.empty(), bot));
        return id;
    }

    public String token(long userId) {
        return tokens.issue(new Principal(userId, id()));
    }

    /** A guild owned by {@code ownerId} with an @everyone role (id = guild id) and one text channel. */
    public TestGuild guild(long ownerId, String name) {
        long guildId = id();
        long channelId = id();
        Channel general = new Channel(channelId, ChannelType.GUILD_TEXT, guildId, "general", 0, null, null, false, 0, List.of());
        guilds.create(new GuildRow(guildId, name, ownerId, channelId),
                Role.create(guildId, "@everyone", 0, false, 0, Permission.DEFAULT_EVERYONE, false, false),
                List.of(general), Clock.systemUTC().instant());
        return new TestGuild(guildId, ownerId, channelId);
    }

    /** A text channel that @everyone may not view (only the owner sees it). */
    public long hiddenChannel(long guildId) {
        long channelId = id();
        channels.insert(new Channel(channelId, ChannelType.GUILD_TEXT, guildId, "staff", 1, null, null, false, 0,
                List.of(new Overwrite(guildId, Overwrite.ROLE, 0, Permission.VIEW_CHANNEL))));
        return channelId;
    }

    /** A role allowed to view {@code channelId}, where @everyone is denied; returns the role id. */
    public long roleSeeing(long guildId, long channelId) {
        long roleId = id();
        postgres.jdbi().useHandle(h -> {
            h.execute("insert into roles (id, guild_id, name, permissions, position) values (?, ?, 'staff', 0, 1)", roleId, guildId);
            h.execute("insert into permission_overwrites (channel_id, target_id, type, allow, deny) values (?, ?, 0, ?, 0)",
                    channelId, roleId, Permission.VIEW_CHANNEL);
        });
        return roleId;
    }

    public void grantRole(long guildId, long userId, long roleId) {
        postgres.jdbi().useHandle(h -> h.execute("insert into member_roles (guild_id, user_id, role_id) values (?, ?, ?)", guildId, userId, roleId));
    }

    /** Denies @everyone VIEW_CHANNEL on an existing channel. */
    public void hide(long guildId, long channelId) {
        postgres.jdbi().useHandle(h -> h.execute(
                "insert into permission_overwrites (channel_id, target_id, type, allow, deny) values (?, ?, 0, 0, ?)",
                channelId, guildId, Permission.VIEW_CHANNEL));
    }

    public void join(long guildId, long userId) {
        members.add(guildId, userId, Clock.systemUTC().instant());
    }

    public void publish(int nodeId, GuildEvent event) {
        redis.xadd(InterestRegistry.relayStream(nodeId), StreamEntryID.NEW_ENTRY, event.toFields());
    }

    /** As the fanout relays an event: with the guild stream entry it was copied from. */
    public void publish(int nodeId, GuildEvent event, io.concord.common.event.RelaySource src) {
        java.util.Map<String, String> fields = new java.util.HashMap<>(event.toFields());
        fields.put(io.concord.common.event.RelaySource.FIELD, src.encode());
        redis.xadd(InterestRegistry.relayStream(nodeId), StreamEntryID.NEW_ENTRY, fields);
    }

    /** A MESSAGE_CREATE payload as an api-node would encode it. */
    public static String message(long id, long channelId, long guildId, long authorId, String content) {
        return """
                {"id":"%d","type":0,"channel_id":"%d","guild_id":"%d","author":{"id":"%d","username":"author","discriminator":"0"},\
                "content":"%s","timestamp":"2026-01-01T00:00:00.000000+00:00","tts":false,"mention_everyone":false,\
                "mentions":[],"mention_roles":[],"attachments":[],"embeds":[],"pinned":false}"""
                .formatted(id, channelId, guildId, authorId, content);
    }

    @Override
    public void close() {
        redis.close();
        postgres.close();
    }
}
