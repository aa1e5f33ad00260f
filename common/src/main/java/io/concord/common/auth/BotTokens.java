package io.concord.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Bot tokens shaped like Discord's: {@code base64url(bot user id).<8 random chars>.<38 random chars>}
 * (264 random bits). Only their SHA-256 is stored; the first part lets a reader tell them from a user
 * access token (a JWT, whose first part always decodes to a JSON header) without a lookup.
 */
public final class BotTokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int MAX_LENGTH = 200;

    private BotTokens() {}

    public static String generate(long botUserId, SecureRandom random) {
        byte[] middle = new byte[6];
        byte[] last = new byte[27];
        random.nextBytes(middle);
        random.nextBytes(last);
        return ENCODER.encodeToString(Long.toString(botUserId).getBytes(StandardCharsets.US_ASCII))
                + "." + ENCODER.encodeToString(middle) + "." + ENCODER.encodeToString(last);
    }

    /** Hex SHA-256 of the whole token: what is stored and what the caches are keyed by. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The bot user id a token claims to belong to; empty when it does not have a bot token's shape. */
    public static OptionalLong claimedUserId(String token) {
        if (token == null || token.length() > MAX_LENGTH) return OptionalLong.empty();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) return OptionalLong.empty();
        try {
            String id = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.US_ASCII);
            if (id.isEmpty() || id.length() > 20 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) return OptionalLong.empty();
            return OptionalLong.of(Long.parseLong(id));
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }
}
