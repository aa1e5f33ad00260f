package io.concord.api;

import io.concord.api.audit.AuditLogConfig;
import io.concord.api.ratelimit.RateLimitConfig;
import io.concord.common.config.ConfigException;
import io.concord.common.config.Env;
import io.concord.common.config.StoreConfig;
import io.concord.common.search.SearchConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The api-node's settings, all from the environment. */
public record ApiConfig(
        int nodeId,
        String bindHost,
        int port,
        int adminPort,
        String tokenSecret,
        Duration accessTokenTtl,
        StoreConfig stores,
        RateLimitConfig rateLimits,
        int groupDmMaxRecipients,
        SearchConfig search,
        AuditLogConfig auditLog) {

    public static ApiConfig fromEnv(Map<String, String> environment) {
        Env env = new Env(environment);
        List<String> problems = new ArrayList<>();
        ApiConfig config = new ApiConfig(
                env.integer("NODE_ID", 1, 0, 1023),
                env.string("API_BIND_HOST", "127.0.0.1"),
                env.integer("API_PORT", 8080, 0, 65535),
                env.integer("ADMIN_PORT", 9091, 0, 65535),
                env.secret("TOKEN_SECRET", 32),
                Duration.ofSeconds(env.integer("ACCESS_TOKEN_TTL_SECONDS", 900, 30, 86_400)),
                StoreConfig.from(env),
                RateLimitConfig.from(env, problems),
                env.integer("GROUP_DM_MAX_RECIPIENTS", 10, 2, 100),
                SearchConfig.from(env),
                AuditLogConfig.from(env));
        try {
            env.validate();
        } catch (ConfigException e) {
            problems.addAll(0, e.problems());
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return config;
    }
}
