package io.concord.bench;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a benchmark client process learns from the MESSAGE_CREATE frames it receives, and how it
 * answers the benchmark over stdout. {@code count} answers {@code frames <total>}. A frame whose
 * content is {@code lat:<System.nanoTime() at the sender>} (same machine, one monotonic clock) adds
 * its age on arrival to a histogram of 0.1 ms buckets: {@code lat} answers
 * {@code lat <bucket>:<count> ...} and empties it. Its age since the api-node accepted the message
 * (the timestamp in the message's snowflake id, in whole ms, so the age is over-stated by up to 1 ms;
 * same machine, one wall clock) goes to a second histogram, {@code acc}; the same age of each
 * message's first frame in this process to a third, {@code first} (the time before the node starts
 * handing a message to its sessions, without the walk).
 */
public final class FrameAges {
    /** Bucket i holds ages in [i, i+1) tenths of a millisecond; the last one everything above. */
    public static final int BUCKETS = 100_000;
    private final LongAdder frames = new LongAdder();
    private final AtomicLongArray latency = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray accepted = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray firstAccepted = new AtomicLongArray(BUCKETS);
    private final Set<Long> seenMessages = ConcurrentHashMap.newKeySet();

    /** One whole text frame received after READY. */
    public void received(CharSequence data) {
        String frame = data.toString();
        if (!frame.contains("\"t\":\"MESSAGE_CREATE\"")) return;
        frames.increment();
        int i = frame.indexOf("lat:");
        if (i < 0) return;
        int start = i + 4, end = start;
        while (end < frame.length() && Character.isDigit(frame.charAt(end))) end++;
        if (end == start) return;
        long sent = Long.parseLong(frame, start, end, 10);
        latency.incrementAndGet(bucket((System.nanoTime() - sent) / 100_000));
        int id = frame.indexOf("\"d\":{\"id\":\"");
        if (id < 0) return;
        int idStart = id + 11, idEnd = frame.indexOf('"', idStart);
        long acceptedMs = (Long.parseLong(frame, idStart, idEnd, 10) >>> 22) + 1420070400000L;
        int age = bucket((System.currentTimeMillis() - acceptedMs) * 10);
        accepted.incrementAndGet(age);
        if (seenMessages.add(sent)) firstAccepted.incrementAndGet(age);
    }

    private static int bucket(long tenths) {
        return (int) Math.max(0, Math.min(BUCKETS - 1, tenths));
    }

    /** Answers {@code count}, {@code lat}, {@code acc} or {@code first}; false for any other command. */
    public boolean answer(String command, PrintStream out) {
        AtomicLongArray histogram = switch (command) {
            case "count" -> {
                out.println("frames " + frames.sum());
                out.flush();
                yield null;
            }
            case "lat" -> latency;
            case "acc" -> accepted;
            case "first" -> firstAccepted;
            default -> null;
        };
        if (histogram == null) return command.equals("count");
        if (command.equals("first")) seenMessages.clear();
        StringBuilder line = new StringBuilder(command);
        for (int i = 0; i < BUCKETS; i++) {
            long n = histogram.getAndSet(i, 0);
            if (n > 0) line.append(' ').append(i).append(':').append(n);
        }
        out.println(line);
        out.flush();
        return true;
    }
}
