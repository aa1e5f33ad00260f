package io.concord.ws.presence;

import java.util.Locale;
import java.util.Optional;

/**
 * A session's status. {@link #rank} orders them from the most to the least present: a user with
 * several sessions shows the highest-ranked one, and {@code invisible} shows as {@code offline}.
 */
public enum Status {
    OFFLINE(0), INVISIBLE(1), IDLE(2), DND(3), ONLINE(4);

    final int rank;

    Status(int rank) {
        this.rank = rank;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What other users see. */
    public Status visible() {
        return this == INVISIBLE ? OFFLINE : this;
    }

    static Optional<Status> parse(String s) {
        for (Status status : values()) if (status.wire().equals(s)) return Optional.of(status);
        return Optional.empty();
    }
}
