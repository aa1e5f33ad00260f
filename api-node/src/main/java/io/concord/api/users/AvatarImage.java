package io.concord.api.users;

import io.concord.api.http.Form;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An avatar sent as Discord's image data URI ({@code data:image/png;base64,...}). Concord keeps no
 * image store yet, so only the avatar hash is stored: the first 128 bits of the image's SHA-256, in
 * hex, prefixed {@code a_} for an animated GIF as Discord marks animated avatars.
 */
final class AvatarImage {
    /** Decoded size limit. The api-node's request body limit may be the tighter bound. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final Pattern DATA_URI = Pattern.compile("^data:image/(png|jpeg|jpg|gif|webp);base64,([A-Za-z0-9+/=\\r\\n]+)$");

    private AvatarImage() {}

    /** The hash of a valid image, or empty after reporting the error on {@code field}. */
    static Optional<String> hash(String field, String dataUri, Form form) {
        Matcher m = DATA_URI.matcher(dataUri);
        if (!m.matches()) return invalid(field, form);
        byte[] image;
        try {
            image = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            return invalid(field, form);
        }
        if (image.length > MAX_BYTES) {
            form.error(field, "BINARY_TYPE_MAX_SIZE", "File cannot be larger than " + MAX_BYTES / 1024 + " kb.");
            return Optional.empty();
        }
        String type = m.group(1);
        if (!looksLike(type, image)) return invalid(field, form);
        String hex = HexFormat.of().formatHex(sha256(image), 0, 16);
        return Optional.of(type.equals("gif") ? "a_" + hex : hex);
    }

    /** The declared type must match the bytes, so that a "PNG" is one. */
    private static boolean looksLike(String type, byte[] b) {
        return switch (type) {
            case "png" -> startsWith(b, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            case "jpeg", "jpg" -> startsWith(b, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            case "gif" -> startsWith(b, "GIF87a".getBytes(StandardCharsets.US_ASCII)) || startsWith(b, "GIF89a".getBytes(StandardCharsets.US_ASCII));
            case "webp" -> b.length >= 12 && startsWith(b, "RIFF".getBytes(StandardCharsets.US_ASCII))
                    && new String(b, 8, 4, StandardCharsets.US_ASCII).equals("WEBP");
            default -> false;
        };
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[i] != prefix[i]) return false;
        return true;
    }

    private static Optional<String> invalid(String field, Form form) {
        form.error(field, "IMAGE_INVALID", "Invalid image data");
        return Optional.empty();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
