package io.concord.api.applications;

import java.util.function.Predicate;

/** A bot's username from its application's name: white space collapsed, then a numeric suffix until no account uses it. */
final class BotUsernames {
    static final int MAX_LENGTH = 32;
    private static final int MAX_TRIES = 1000;

    private BotUsernames() {}

    static String unique(String applicationName, Predicate<String> taken) {
        String base = applicationName.strip().replaceAll("\\s+", " ");
        if (!taken.test(base)) return base;
        for (int n = 2; n < MAX_TRIES; n++) {
            String suffix = Integer.toString(n);
            String candidate = truncate(base, MAX_LENGTH - suffix.length()) + suffix;
            if (!taken.test(candidate)) return candidate;
        }
        // Beyond a thousand namesakes, a random suffix is unique for all practical purposes.
        String suffix = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40), 36);
        return truncate(base, MAX_LENGTH - suffix.length()) + suffix;
    }

    private static String truncate(String s, int codePoints) {
        if (s.codePointCount(0, s.length()) <= codePoints) return s;
        return s.substring(0, s.offsetByCodePoints(0, codePoints));
    }
}
