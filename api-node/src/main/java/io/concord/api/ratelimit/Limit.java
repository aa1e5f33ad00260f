package io.concord.api.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One named rate-limit bucket: {@code count} requests per {@code window}, counted per top-level
 * resource and per caller, or per top-level resource alone when {@code shared} (Discord's
 * {@code X-RateLimit-Scope: shared}).
 */
public record Limit(String name, int count, Duration window, boolean shared) {
    public Limit {
        if (count < 1) throw new IllegalArgumentException("count must be positive");
        if (window.toMillis() < 1) throw new IllegalArgumentException("window must be at least 1 ms");
    }

    static Limit perCaller(String name, int count, Duration window) {
        return new Limit(name, count, window, false);
    }

    static Limit shared(String name, int count, Duration window) {
        return new Limit(name, count, window, true);
    }

    Limit scaled(int percent) {
        return new Limit(name, Math.max(1, (int) Math.round(count * percent / 100.0)), window, shared);
    }

    /**
     * The {@code X-RateLimit-Bucket} value: opaque, equal for every route sharing this bucket, and
     * free of the top-level resource (clients cache it per route and add the resource themselves).
     */
    public String hash() {
        return HASHES.computeIfAbsent(name, Limit::digest);
    }

    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

    private static String digest(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("concord-bucket:" + name).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
