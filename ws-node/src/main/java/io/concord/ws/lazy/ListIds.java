package io.concord.ws.lazy;

import io.concord.common.permission.GuildAccess;
import io.concord.common.permission.Overwrite;
import io.concord.common.permission.Permission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Member-list ids: channels whose VIEW_CHANNEL overwrites are the same show the same members, so they
 * share one list. {@code "everyone"} when every member can view the channel (@everyone may view it
 * guild-wide and no overwrite but an allow for @everyone touches VIEW_CHANNEL); otherwise the unsigned
 * decimal MurmurHash3 (x86 32-bit, seed 0) of the sorted {@code allow:<id>} / {@code deny:<id>}
 * entries of the overwrites that allow or deny VIEW_CHANNEL, joined with commas.
 */
public final class ListIds {
    public static final String EVERYONE = "everyone";

    private ListIds() {}

    public static String of(GuildAccess access, List<Overwrite> overwrites) {
        List<String> entries = entries(overwrites);
        long everyone = access.rolePermissions().getOrDefault(access.guildId(), 0L);
        if ((everyone & Permission.ADMINISTRATOR) != 0) return EVERYONE;
        boolean everyoneViews = (everyone & Permission.VIEW_CHANNEL) != 0;
        if (everyoneViews && (entries.isEmpty() || entries.equals(List.of("allow:" + Long.toUnsignedString(access.guildId()))))) {
            return EVERYONE;
        }
        return Integer.toUnsignedString(Murmur3.hash32(String.join(",", entries), 0));
    }

    /** The VIEW_CHANNEL entries, sorted as strings. */
    static List<String> entries(List<Overwrite> overwrites) {
        List<String> entries = new ArrayList<>();
        for (Overwrite o : overwrites) {
            if ((o.allow() & Permission.VIEW_CHANNEL) != 0) entries.add("allow:" + Long.toUnsignedString(o.id()));
            if ((o.deny() & Permission.VIEW_CHANNEL) != 0) entries.add("deny:" + Long.toUnsignedString(o.id()));
        }
        Collections.sort(entries);
        return entries;
    }
}
