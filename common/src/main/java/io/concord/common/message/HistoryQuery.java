package io.concord.common.message;

/** Which page of a channel's history: newest first, before, after or around an id (0 = unset). */
public record HistoryQuery(long before, long after, long around, int limit) {
    public static HistoryQuery latest(int limit) {
        return new HistoryQuery(0, 0, 0, limit);
    }
}
