package io.concord.ws.lazy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ops one step of a list change means for a session holding some ranges of it. Indexes are
 * whole-list indexes and a client keeps only the items in its ranges, so: a DELETE or INSERT at or
 * before its last range shifts what it holds, and where that shift pulls an item in from outside
 * its ranges (the end of a range after a DELETE, the start of a range after an INSERT) an UPDATE
 * fills it in; an UPDATE reaches it only inside its ranges. Applying them in order keeps each range
 * equal to the list, step by step.
 */
final class WindowOps {
    private WindowOps() {}

    /** One step's reads of the list (as it is after the step), each item encoded once however many sessions need it. */
    static final class Step {
        private final MemberList list;
        private final Map<Integer, String> updates = new HashMap<>();
        private int size = -1;

        Step(MemberList list) {
            this.list = list;
        }

        int size() {
            if (size < 0) size = list.size();
            return size;
        }

        String insert(int index) {
            return "{\"op\":\"INSERT\",\"index\":" + index + ",\"item\":" + list.item(index) + "}";
        }

        String update(int index) {
            return updates.computeIfAbsent(index, i -> "{\"op\":\"UPDATE\",\"index\":" + i + ",\"item\":" + list.item(i) + "}");
        }
    }

    static void deleted(int index, List<Range> ranges, Step step, Consumer<String> out) {
        // Only ranges overlapping what moved (index to the old end) change; one past the end holds nothing before and after.
        if (!overlaps(ranges, index, step.size())) return;
        out.accept("{\"op\":\"DELETE\",\"index\":" + index + "}");
        for (Range r : ranges) {
            int end = r.to();
            if (end >= index && !Range.anyContains(ranges, end + 1) && end < step.size()) out.accept(step.update(end));
        }
    }

    static void inserted(int index, String insert, List<Range> ranges, Step step, Consumer<String> out) {
        if (!overlaps(ranges, index, step.size() - 1)) return;
        out.accept(insert);
        for (Range r : ranges) {
            int start = r.from();
            if (start > index && !Range.anyContains(ranges, start - 1) && start < step.size()) out.accept(step.update(start));
        }
    }

    /** Whether a range meets {@code [from, to]}. */
    private static boolean overlaps(List<Range> ranges, int from, int to) {
        for (Range r : ranges) if (r.from() <= to && r.to() >= from) return true;
        return false;
    }

    static void updated(int index, List<Range> ranges, Step step, Consumer<String> out) {
        if (Range.anyContains(ranges, index)) out.accept(step.update(index));
    }
}
