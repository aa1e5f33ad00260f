package io.concord.api.audit;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A validated {@code GET /guilds/{g}/audit-logs}: the filters, the page bounds and the size.
 * With {@code before} (or neither bound) the page is newest first; with {@code after} alone it is
 * oldest first, starting right after that id, as Discord answers (JDA pages forward on that).
 */
record AuditQuery(long guildId, OptionalLong userId, OptionalInt actionType, OptionalLong before, OptionalLong after, int limit) {

    boolean ascending() {
        return before.isEmpty() && after.isPresent();
    }
}
