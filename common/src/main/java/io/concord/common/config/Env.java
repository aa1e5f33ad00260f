package io.concord.common.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads configuration from an environment map and collects every problem, so that a process that
 * cannot start lists all missing or invalid keys in one error.
 */
public final class Env {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    public Env(Map<String, String> env) {
        this.env = env;
    }

    public String string(String key, String fallback) {
        String v = env.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public String required(String key) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            problems.add(key + " is required");
            return "";
        }
        return v.trim();
    }

    public String secret(String key, int minLength) {
        String v = required(key);
        if (!v.isEmpty() && v.length() < minLength) problems.add(key + " must be at least " + minLength + " characters");
        return v;
    }

    public int integer(String key, int fallback, int min, int max) {
        return parsed(key, fallback, true, s -> {
            int v = Integer.parseInt(s);
            if (v < min || v > max) throw new IllegalArgumentException("must be between " + min + " and " + max);
            return v;
        });
    }

    public long longValue(String key, long fallback, long min, long max) {
        return parsed(key, fallback, true, s -> {
            long v = Long.parseLong(s);
            if (v < min || v > max) throw new IllegalArgumentException("must be between " + min + " and " + max);
            return v;
        });
    }

    public URI uri(String key, String fallback, String... schemes) {
        return parsed(key, URI.create(fallback), false, s -> {
            URI u = URI.create(s);
            if (u.getScheme() == null || !List.of(schemes).contains(u.getScheme())) {
                throw new IllegalArgumentException("must be a URI with scheme " + String.join(" or ", schemes));
            }
            return u;
        });
    }

    /** {@code echo}: whether the error may quote the value (never for URIs, which can carry passwords). */
    private <T> T parsed(String key, T fallback, boolean echo, Function<String, T> parser) {
        String v = env.get(key);
        if (v == null || v.isBlank()) return fallback;
        try {
            return parser.apply(v.trim());
        } catch (RuntimeException e) {
            String why = e instanceof NumberFormatException ? "must be a number" : e.getMessage();
            problems.add((echo ? key + "=" + v.trim() : key) + " is invalid: " + why);
            return fallback;
        }
    }

    /** A problem that spans settings (checked by the caller), reported with the others. */
    public void reject(String key, String why) {
        problems.add(key + " " + why);
    }

    /** Throws one {@link ConfigException} naming every problem seen so far. */
    public void validate() {
        if (!problems.isEmpty()) throw new ConfigException(problems);
    }
}
