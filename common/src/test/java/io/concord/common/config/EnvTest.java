package io.concord.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void everyMissingOrInvalidKeyIsListedInOneError() {
        Env env = new Env(Map.of(
                "PORT", "eighty",
                "POOL_SIZE", "0",
                "RELAY_MAX", "99999999999999999999",
                "REDIS_URL", "http://cache:6379",
                "TOKEN_SECRET", "short"));

        env.required("NODE_NAME");
        env.integer("PORT", 8080, 1, 65535);
        env.integer("POOL_SIZE", 10, 1, 500);
        env.longValue("RELAY_MAX", 1000, 1, 1_000_000);
        env.uri("REDIS_URL", "redis://127.0.0.1:6379", "redis", "rediss");
        env.secret("TOKEN_SECRET", 32);
        env.integer("UNSET_WITH_DEFAULT", 5, 1, 10);

        assertThatThrownBy(env::validate).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).hasSize(6);
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("NODE_NAME").contains("required"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("PORT").contains("must be a number"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("POOL_SIZE").contains("between 1 and 500"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("RELAY_MAX").contains("must be a number"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("REDIS_URL").contains("redis or rediss"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("TOKEN_SECRET").contains("at least 32"));
            assertThat(e.problems()).noneMatch(p -> p.contains("UNSET_WITH_DEFAULT"));
            for (String key : new String[] {"NODE_NAME", "PORT", "POOL_SIZE", "RELAY_MAX", "REDIS_URL", "TOKEN_SECRET"}) {
                assertThat(e.getMessage()).contains(key);
            }
        });
    }

    @Test
    void aSecretsValueNeverAppearsInTheError() {
        Env env = new Env(Map.of("TOKEN_SECRET", "hunter2"));
        env.secret("TOKEN_SECRET", 32);

        assertThatThrownBy(env::validate).isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOKEN_SECRET")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anInvalidUriNeverEchoesItsPassword() {
        Env env = new Env(Map.of("REDIS_URL", "http://:s3cret-pass@cache:6379"));
        env.uri("REDIS_URL", "redis://127.0.0.1:6379", "redis", "rediss");

        assertThatThrownBy(env::validate).isInstanceOf(ConfigException.class)
                .hasMessageContaining("REDIS_URL")
                .hasMessageNotContaining("s3cret-pass");
    }

    @Test
    void aMissingSecretIsReportedOnceAsRequired() {
        Env env = new Env(Map.of());
        env.secret("TOKEN_SECRET", 32);

        assertThatThrownBy(env::validate).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).containsExactly("TOKEN_SECRET is required"));
    }

    @Test
    void defaultsApplyWhenAKeyIsAbsentOrBlank() {
        Env env = new Env(Map.of("NAME", "  ", "PORT", "", "MAX", "\t", "URL", " "));

        assertThat(env.string("NAME", "fallback")).isEqualTo("fallback");
        assertThat(env.string("ABSENT", "fallback")).isEqualTo("fallback");
        assertThat(env.integer("PORT", 8080, 1, 65535)).isEqualTo(8080);
        assertThat(env.integer("ABSENT_PORT", 8080, 1, 65535)).isEqualTo(8080);
        assertThat(env.longValue("MAX", 100_000L, 1, Long.MAX_VALUE)).isEqualTo(100_000L);
        assertThat(env.uri("URL", "redis://127.0.0.1:6379", "redis")).isEqualTo(URI.create("redis://127.0.0.1:6379"));
        assertThatCode(env::validate).doesNotThrowAnyException();
    }

    @Test
    void requiredTreatsABlankValueAsMissing() {
        Env env = new Env(Map.of("NODE_NAME", "   "));
        env.required("NODE_NAME");

        assertThatThrownBy(env::validate).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).containsExactly("NODE_NAME is required"));
    }

    @Test
    void presentValuesAreTrimmedAndParsed() {
        Env env = new Env(Map.of(
                "NAME", " api-1 ",
                "PORT", " 8081 ",
                "MAX", "5000000000",
                "URL", "rediss://cache.internal:6380",
                "SECRET", "0123456789abcdef0123456789abcdef"));

        assertThat(env.string("NAME", "x")).isEqualTo("api-1");
        assertThat(env.required("NAME")).isEqualTo("api-1");
        assertThat(env.integer("PORT", 8080, 1, 65535)).isEqualTo(8081);
        assertThat(env.longValue("MAX", 1, 1, Long.MAX_VALUE)).isEqualTo(5_000_000_000L);
        assertThat(env.uri("URL", "redis://127.0.0.1:6379", "redis", "rediss")).isEqualTo(URI.create("rediss://cache.internal:6380"));
        assertThat(env.secret("SECRET", 32)).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThatCode(env::validate).doesNotThrowAnyException();
    }

    @Test
    void rangeBoundsAreInclusive() {
        Env env = new Env(Map.of("LOW", "1", "HIGH", "65535", "BELOW", "0", "ABOVE", "65536"));

        assertThat(env.integer("LOW", 9, 1, 65535)).isEqualTo(1);
        assertThat(env.integer("HIGH", 9, 1, 65535)).isEqualTo(65535);
        assertThat(env.integer("BELOW", 9, 1, 65535)).isEqualTo(9);
        assertThat(env.integer("ABOVE", 9, 1, 65535)).isEqualTo(9);
        assertThatThrownBy(env::validate).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).hasSize(2).allSatisfy(p -> assertThat(p).contains("between 1 and 65535")));
    }

    @Test
    void aUriWithoutSchemeOrThatDoesNotParseIsInvalid() {
        Env env = new Env(Map.of("A", "127.0.0.1:6379", "B", "redis://bad host", "C", "cache"));

        env.uri("A", "redis://127.0.0.1:6379", "redis");
        env.uri("B", "redis://127.0.0.1:6379", "redis");
        env.uri("C", "redis://127.0.0.1:6379", "redis");

        assertThatThrownBy(env::validate).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).hasSize(3));
    }

    @Test
    void workerConfigListsEveryBadKeyAtOnceAndOtherwiseUsesDefaults() {
        assertThatThrownBy(() -> WorkerConfig.fromEnv(Map.of(
                        "NODE_ID", "2000", "ADMIN_PORT", "x", "LEASE_TTL_MS", "10",
                        "REDIS_URL", "http://r", "GUILD_PARTITIONS", "0"), "fanout", 9100))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(5)
                        .anySatisfy(p -> assertThat(p).startsWith("NODE_ID"))
                        .anySatisfy(p -> assertThat(p).startsWith("ADMIN_PORT"))
                        .anySatisfy(p -> assertThat(p).startsWith("LEASE_TTL_MS"))
                        .anySatisfy(p -> assertThat(p).startsWith("REDIS_URL"))
                        .anySatisfy(p -> assertThat(p).startsWith("GUILD_PARTITIONS")));

        WorkerConfig config = WorkerConfig.fromEnv(Map.of(), "fanout", 9100);
        assertThat(config.adminPort()).isEqualTo(9100);
        assertThat(config.leaseTtl()).isEqualTo(Duration.ofSeconds(6));
        assertThat(config.workerId()).startsWith("fanout-0-");
        assertThat(config.stores().redisUrl()).isEqualTo(URI.create("redis://127.0.0.1:6379"));
        assertThat(config.stores().guildPartitions()).isEqualTo(16);
    }

    @Test
    void configExceptionListsEachProblemOnItsOwnLine() {
        ConfigException e = new ConfigException(java.util.List.of("A is required", "B=x is invalid: must be a number"));

        assertThat(e.getMessage()).isEqualTo("invalid configuration:\n  - A is required\n  - B=x is invalid: must be a number");
        assertThat(e.problems()).containsExactly("A is required", "B=x is invalid: must be a number");
    }
}
