package io.concord.ws.session;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * A session's guild ids as a sorted array without duplicates, never changed in place: each change
 * returns a new array (see {@link GatewaySession}'s use). A long each instead of a concurrent set's
 * node, boxed key and table, which for the usual handful of guilds was ~200 bytes per session.
 */
final class GuildIds {
    static final long[] NONE = {};

    private GuildIds() {}

    static boolean contains(long[] ids, long guildId) {
        return Arrays.binarySearch(ids, guildId) >= 0;
    }

    static Set<Long> asSet(long[] ids) {
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) boxed[i] = ids[i];
        return Set.of(boxed);
    }

    /** {@code ids} with {@code more} added (the same array if nothing is new). */
    static long[] with(long[] ids, Collection<Long> more) {
        long[] next = Arrays.copyOf(ids, ids.length + more.size());
        int n = ids.length;
        for (long g : more) next[n++] = g;
        Arrays.sort(next);
        int unique = 0;
        for (long g : next) {
            if (unique == 0 || g != next[unique - 1]) next[unique++] = g;
        }
        return unique == ids.length ? ids : Arrays.copyOf(next, unique);
    }

    /** {@code ids} without {@code guildId} (the same array if it was not there). */
    static long[] without(long[] ids, long guildId) {
        int at = Arrays.binarySearch(ids, guildId);
        if (at < 0) return ids;
        if (ids.length == 1) return NONE;
        long[] next = new long[ids.length - 1];
        System.arraycopy(ids, 0, next, 0, at);
        System.arraycopy(ids, at + 1, next, at, ids.length - at - 1);
        return next;
    }
}
