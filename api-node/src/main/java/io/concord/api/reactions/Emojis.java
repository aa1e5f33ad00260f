package io.concord.api.reactions;

import io.concord.common.error.BadRequest;
import io.concord.common.id.Snowflakes;
import io.concord.common.model.Message;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emoji of a reaction route, as the path carries it (already URL-decoded): a unicode emoji, or a
 * custom emoji {@code name:id} (also {@code a:name:id}). Stored under a key: the unicode text itself,
 * or {@code name:id}.
 */
public final class Emojis {
    private static final Pattern CUSTOM = Pattern.compile("(?:a:)?([A-Za-z0-9_]{2,32}):(\\d{1,20})");
    private static final int MAX_UNICODE_CHARS = 32;

    private Emojis() {}

    /** A parsed emoji: its store key, and whether it is a custom (here always external) one. */
    public record Parsed(String key, Message.Emoji emoji, boolean custom) {}

    /** Parses the path's emoji; anything implausible is 400 10014 Unknown Emoji, as Discord answers. */
    public static Parsed parse(String raw) {
        if (raw == null || raw.isEmpty()) throw unknown();
        Matcher m = CUSTOM.matcher(raw);
        if (m.matches()) {
            OptionalLong id = Snowflakes.parse(m.group(2));
            if (id.isEmpty()) throw unknown();
            String key = m.group(1) + ":" + id.getAsLong();
            return new Parsed(key, new Message.Emoji(id.getAsLong(), m.group(1)), true);
        }
        if (!plausibleUnicode(raw)) throw unknown();
        return new Parsed(raw, new Message.Emoji(null, raw), false);
    }

    /** The emoji object for a store key. */
    public static Message.Emoji model(String key) {
        int colon = key.lastIndexOf(':');
        if (colon > 0) {
            OptionalLong id = Snowflakes.parse(key.substring(colon + 1));
            if (id.isPresent()) return new Message.Emoji(id.getAsLong(), key.substring(0, colon));
        }
        return new Message.Emoji(null, key);
    }

    /**
     * Not a full emoji table: short, no ASCII letters, no white space or controls, and at least one
     * non-ASCII code point (keycaps such as 1️⃣ start with an ASCII digit, so digits are allowed).
     */
    static boolean plausibleUnicode(String s) {
        if (s.length() > MAX_UNICODE_CHARS) return false;
        boolean nonAscii = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                if (Character.isLetter(cp) || cp <= 0x20 || cp == 0x7F || cp == ':' || cp == '/' || cp == '%') return false;
            } else {
                if (Character.isWhitespace(cp) || Character.getType(cp) == Character.CONTROL) return false;
                if (Character.isLetter(cp) && Character.getType(cp) != Character.OTHER_SYMBOL) return false;
                nonAscii = true;
            }
        }
        return nonAscii;
    }

    static BadRequest unknown() {
        return new BadRequest(10014, "Unknown Emoji");
    }
}
