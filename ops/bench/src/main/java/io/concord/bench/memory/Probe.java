package io.concord.bench.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server process's memory, read from outside: heap used after full GCs (jcmd) and resident set size (/proc). */
final class Probe {
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total.*?used (\\d+)K");
    private static final Pattern HEAP_COMMITTED = Pattern.compile("heap\\s+total.*?committed (\\d+)K");
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    /** Heap in use after the GCs, heap committed (resident or not), process resident set. */
    record Memory(long heapBytes, long committedBytes, long rssBytes) {}

    private final Path jcmd;

    Probe(Path jcmd) {
        this.jcmd = jcmd;
    }

    Memory afterFullGc(long pid, int gcRuns) throws IOException, InterruptedException {
        for (int i = 0; i < gcRuns; i++) jcmd(pid, "GC.run");
        String heapInfo = jcmd(pid, "GC.heap_info");
        Matcher heap = HEAP_USED.matcher(heapInfo);
        if (!heap.find()) throw new IllegalStateException("cannot read heap use from: " + heapInfo);
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        Matcher rss = VM_RSS.matcher(status);
        if (!rss.find()) throw new IllegalStateException("no VmRSS for " + pid);
        Matcher committed = HEAP_COMMITTED.matcher(heapInfo);
        long committedBytes = committed.find() ? Long.parseLong(committed.group(1)) * 1024 : -1;
        return new Memory(Long.parseLong(heap.group(1)) * 1024, committedBytes, Long.parseLong(rss.group(1)) * 1024);
    }

    /** Writes the live-object class histogram (after a full GC) to {@code out} and returns its first {@code top} classes. */
    List<String> histogram(long pid, Path out, int top) throws IOException, InterruptedException {
        String histogram = jcmd(pid, "GC.class_histogram");
        Files.writeString(out, histogram);
        return histogram.lines().filter(l -> l.matches("\\s+\\d+:\\s.*")).limit(top).toList();
    }

    /** Writes a heap dump of the live objects to {@code out} (an absolute path; jcmd runs in the server's directory). */
    void heapDump(long pid, Path out) throws IOException, InterruptedException {
        jcmd(pid, "GC.heap_dump", out.toAbsolutePath().toString());
    }

    private String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
        return out;
    }
}
