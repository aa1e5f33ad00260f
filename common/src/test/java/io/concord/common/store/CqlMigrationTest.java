package io.concord.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.config.StoreConfig;
import io.concord.common.test.TestStack;
import org.junit.jupiter.api.Test;

/** The CQL schema applies to a fresh keyspace and to one that still has the first {@code messages} table, any number of times. */
class CqlMigrationTest {
    private static final String OLD_MESSAGES = "CREATE TABLE messages (channel_id bigint, bucket int, message_id bigint, guild_id bigint, "
            + "author_id bigint, type int, content text, nonce text, edited_at timestamp, flags int, tts boolean, mention_everyone boolean, "
            + "mentions list<bigint>, mention_roles list<bigint>, pinned boolean, PRIMARY KEY ((channel_id, bucket), message_id)) "
            + "WITH CLUSTERING ORDER BY (message_id DESC)";

    private static StoreConfig scratch() {
        StoreConfig c = TestStack.stores();
        return new StoreConfig(c.redisUrl(), c.postgresUrl(), c.postgresUser(), c.postgresPassword(), c.postgresPoolSize(),
                c.cqlContactPoints(), c.cqlLocalDc(), c.cqlKeyspace() + "_migration", c.guildPartitions(), c.guildStreamMaxLength(), c.guildStreamRetention());
    }

    private static void recreate(StoreConfig config, boolean withOldTable) {
        try (Cql admin = Cql.connect(TestStack.stores())) {
            admin.session().execute("DROP KEYSPACE IF EXISTS " + config.cqlKeyspace());
            admin.session().execute("CREATE KEYSPACE " + config.cqlKeyspace()
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            if (withOldTable) {
                admin.session().execute(OLD_MESSAGES.replace("CREATE TABLE messages", "CREATE TABLE " + config.cqlKeyspace() + ".messages"));
                admin.session().execute("INSERT INTO " + config.cqlKeyspace() + ".messages (channel_id, bucket, message_id, content) "
                        + "VALUES (1, 0, 2, 'kept')");
            }
        }
    }

    @Test
    void anExistingMessagesTableGainsTheNewColumnsAndKeepsItsRows() {
        StoreConfig config = scratch();
        recreate(config, true);

        Cql.migrate(config);
        Cql.migrate(config);

        try (Cql cql = Cql.connect(config)) {
            var row = cql.session().execute("SELECT content, referenced_message_id, pinned_at FROM messages WHERE channel_id = 1 AND bucket = 0").one();
            assertThat(row).isNotNull();
            assertThat(row.getString("content")).isEqualTo("kept");
            assertThat(row.isNull("referenced_message_id")).isTrue();
            cql.session().execute("SELECT * FROM reactions LIMIT 1");
            cql.session().execute("SELECT * FROM reaction_counts LIMIT 1");
            cql.session().execute("SELECT * FROM channel_pins LIMIT 1");
        }
    }

    @Test
    void aFreshKeyspaceMigratesTwice() {
        StoreConfig config = scratch();
        recreate(config, false);

        Cql.migrate(config);
        Cql.migrate(config);

        try (Cql cql = Cql.connect(config)) {
            assertThat(cql.session().execute("SELECT referenced_message_id, pinned_at FROM messages LIMIT 1").all()).isEmpty();
        }
    }
}
