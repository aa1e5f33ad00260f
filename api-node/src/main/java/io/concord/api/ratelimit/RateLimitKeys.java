package io.concord.api.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The Redis keys of the limiter, all under {@code ratelimit:}. */
final class RateLimitKeys {
    static final String PREFIX = "ratelimit:";

    private RateLimitKeys() {}

    static String bucket(Limit limit, String major, String caller) {
        String key = PREFIX + "bucket:" + limit.hash() + ":" + major;
        return limit.shared() ? key : key + ":" + caller;
    }

    static String global(String caller) {
        return PREFIX + "global:" + caller;
    }

    static String invalid(String clientIp) {
        return PREFIX + "invalid:" + clientIp;
    }

    /**
     * The top-level resource of a route (Discord's "major parameter"): the channel, guild or webhook
     * (with its token, hashed so that no secret lands in a key name) the path starts with, if any.
     */
    static String majorParameter(List<String> template, Map<String, String> params) {
        if (template.size() < 2 || !isParam(template.get(1))) return "-";
        String id = params.getOrDefault(name(template.get(1)), "");
        return switch (template.get(0)) {
            case "channels" -> "channel:" + id;
            case "guilds" -> "guild:" + id;
            case "webhooks" -> template.size() > 2 && isParam(template.get(2))
                    ? "webhook:" + id + ":" + digest(params.getOrDefault(name(template.get(2)), ""))
                    : "webhook:" + id;
            default -> "-";
        };
    }

    private static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String name(String segment) {
        return segment.substring(1, segment.length() - 1);
    }

    private static String digest(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
