package io.concord.seed;

import io.concord.common.application.ApplicationFlags;
import io.concord.common.auth.BotTokens;
import io.concord.common.model.ChannelType;
import io.concord.common.permission.Permission;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes the seed to PostgreSQL in batched statements, one transaction per step: the rows the
 * common repositories write for the same things ({@code UserRepository.insert}, {@code GuildRepository.create},
 * {@code MemberRepository.add}, {@code ApplicationRepository.create} + {@code replaceTokenHash}, the
 * OAuth2 bot install), without their one-round-trip-per-row cost. People get no email and no password
 * (nobody logs in with them: the scenarios use the minted tokens), so no Argon2id hashing either.
 */
final class PostgresWriter {
    private static final int BATCH = 5_000;
    /** What the OAuth2 install would give a load-test bot: see and write in every channel, read history. */
    static final long BOT_PERMISSIONS = Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES | Permission.READ_MESSAGE_HISTORY;
    private final Jdbi jdbi;

    PostgresWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void users(List<SeedData.User> users) {
        jdbi.useTransaction(h -> {
            Batch b = new Batch(h, "insert into users (id, username, global_name, bot) values (:id, :name, :name, false)");
            for (SeedData.User u : users) b.add(p -> p.bind("id", u.id()).bind("name", u.username()));
            b.finish();
        });
    }

    /** Each guild with its @everyone role (id = guild id, Discord's defaults), its text channel and its members. */
    void guilds(List<SeedData.Guild> guilds, List<SeedData.User> users) {
        jdbi.useTransaction(h -> {
            Batch g = new Batch(h, "insert into guilds (id, name, owner_id, system_channel_id) values (:id, :name, :owner, :channel)");
            for (SeedData.Guild x : guilds) {
                g.add(p -> p.bind("id", x.id()).bind("name", x.name()).bind("owner", x.ownerId(users)).bind("channel", x.channelId()));
            }
            g.finish();
            Batch r = new Batch(h, "insert into roles (id, guild_id, name, permissions, position) values (:id, :id, '@everyone', :perms, 0)");
            for (SeedData.Guild x : guilds) r.add(p -> p.bind("id", x.id()).bind("perms", Permission.DEFAULT_EVERYONE));
            r.finish();
            Batch c = new Batch(h, "insert into channels (id, guild_id, type, name, position) values (:id, :guild, :type, 'general', 0)");
            for (SeedData.Guild x : guilds) c.add(p -> p.bind("id", x.channelId()).bind("guild", x.id()).bind("type", ChannelType.GUILD_TEXT));
            c.finish();
            Batch m = new Batch(h, "insert into members (guild_id, user_id) values (:g, :u)");
            for (SeedData.Guild x : guilds) {
                for (int i = x.firstUser(); i < x.firstUser() + x.memberCount(); i++) {
                    long userId = users.get(i).id();
                    m.add(p -> p.bind("g", x.id()).bind("u", userId));
                }
            }
            m.finish();
        });
    }

    /**
     * Bot users, their applications (owned by {@code ownerId}, token hash stored) and, per guild, the
     * membership, a managed role at position {@code 1 + index} tagged with the bot, and its grant.
     */
    void bots(List<SeedData.Bot> bots, long ownerId, LongSupplier ids) {
        SecureRandom random = new SecureRandom();
        jdbi.useTransaction(h -> {
            Batch u = new Batch(h, "insert into users (id, username, bot) values (:id, :name, true)");
            for (SeedData.Bot b : bots) u.add(p -> p.bind("id", b.id()).bind("name", b.username()));
            u.finish();
            Batch a = new Batch(h, """
                    insert into applications (id, owner_id, name, flags, verify_key, bot_token_hash)
                    values (:id, :owner, :name, :flags, :key, :hash)""");
            for (SeedData.Bot b : bots) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                a.add(p -> p.bind("id", b.id()).bind("owner", ownerId).bind("name", b.username()).bind("flags", ApplicationFlags.DEFAULT)
                        .bind("key", HexFormat.of().formatHex(key)).bind("hash", BotTokens.hash(b.token())));
            }
            a.finish();
            Batch m = new Batch(h, "insert into members (guild_id, user_id) values (:g, :u)");
            Batch r = new Batch(h, """
                    insert into roles (id, guild_id, name, permissions, position, managed, bot_id)
                    values (:id, :g, :name, :perms, :pos, true, :bot)""");
            Batch mr = new Batch(h, "insert into member_roles (guild_id, user_id, role_id) values (:g, :u, :r)");
            for (int i = 0; i < bots.size(); i++) {
                SeedData.Bot b = bots.get(i);
                int position = 1 + i;
                for (long guildId : b.guildIds()) {
                    long roleId = ids.getAsLong();
                    m.add(p -> p.bind("g", guildId).bind("u", b.id()));
                    r.add(p -> p.bind("id", roleId).bind("g", guildId).bind("name", b.username()).bind("perms", BOT_PERMISSIONS)
                            .bind("pos", position).bind("bot", b.id()));
                    mr.add(p -> p.bind("g", guildId).bind("u", b.id()).bind("r", roleId));
                }
            }
            m.finish();
            r.finish();
            mr.finish();
        });
    }

    /** A prepared batch flushed every {@value #BATCH} rows. */
    private static final class Batch {
        private final Handle handle;
        private final String sql;
        private PreparedBatch batch;
        private int size;

        Batch(Handle handle, String sql) {
            this.handle = handle;
            this.sql = sql;
            this.batch = handle.prepareBatch(sql);
        }

        void add(java.util.function.Consumer<PreparedBatch> binder) {
            binder.accept(batch);
            batch.add();
            if (++size == BATCH) finish();
        }

        void finish() {
            if (size > 0) batch.execute();
            batch = handle.prepareBatch(sql);
            size = 0;
        }
    }
}
