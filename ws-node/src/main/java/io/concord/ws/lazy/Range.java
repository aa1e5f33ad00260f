package io.concord.ws.lazy;

import java.util.List;

/** One member-list window {@code [from, to]} (inclusive, at most {@value #MAX_SIZE} indexes), as op 14 sends it. */
public record Range(int from, int to) implements Comparable<Range> {
    public static final int MAX_SIZE = 100;

    public Range {
        if (from < 0 || to < from || to - from >= MAX_SIZE) throw new IllegalArgumentException("bad range " + from + "-" + to);
    }

    public boolean contains(int index) {
        return index >= from && index <= to;
    }

    @Override
    public int compareTo(Range o) {
        return from != o.from ? Integer.compare(from, o.from) : Integer.compare(to, o.to);
    }

    String json() {
        return "[" + from + "," + to + "]";
    }

    static boolean anyContains(List<Range> ranges, int index) {
        for (Range r : ranges) if (r.contains(index)) return true;
        return false;
    }

    static int max(List<Range> ranges) {
        int max = -1;
        for (Range r : ranges) max = Math.max(max, r.to);
        return max;
    }
}
