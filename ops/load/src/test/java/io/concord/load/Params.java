package io.concord.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A simulation's parameters: each one a {@code -Dname=value} system property with a default and a
 * one-line meaning, all printed at start with the value in use ({@link #print()}). Every size, rate,
 * duration and threshold of a scenario goes through here, so nothing is hard-wired.
 */
final class Params {
    private record Row(String name, String value, String fallback, String help) {}

    private final String simulation;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    Params(String simulation) {
        this.simulation = simulation;
    }

    String string(String name, String fallback, String help) {
        String value = System.getProperty(name, fallback).trim();
        rows.add(new Row(name, value, fallback, help));
        return value;
    }

    int integer(String name, int fallback, int min, int max, String help) {
        return (int) number(name, fallback, min, max, help);
    }

    long number(String name, long fallback, long min, long max, String help) {
        String raw = string(name, Long.toString(fallback), help + " (" + min + ".." + max + ")");
        try {
            long v = Long.parseLong(raw);
            if (v < min || v > max) problems.add("-D" + name + " must be " + min + ".." + max + ", not " + v);
            return v;
        } catch (NumberFormatException e) {
            problems.add("-D" + name + " must be a whole number, not '" + raw + "'");
            return fallback;
        }
    }

    double decimal(String name, double fallback, double min, double max, String help) {
        String raw = string(name, format(fallback), help + " (" + format(min) + ".." + format(max) + ")");
        try {
            double v = Double.parseDouble(raw);
            if (!(v >= min && v <= max)) problems.add("-D" + name + " must be " + format(min) + ".." + format(max) + ", not " + raw);
            return v;
        } catch (NumberFormatException e) {
            problems.add("-D" + name + " must be a number, not '" + raw + "'");
            return fallback;
        }
    }

    boolean bool(String name, boolean fallback, String help) {
        String raw = string(name, Boolean.toString(fallback), help + " (true/false)").toLowerCase(Locale.ROOT);
        if (!raw.equals("true") && !raw.equals("false")) problems.add("-D" + name + " must be true or false, not '" + raw + "'");
        return raw.equals("true");
    }

    /** A problem found after reading the parameters (e.g. the seed holds fewer users than asked for). */
    void problem(String message) {
        problems.add(message);
    }

    /** Prints every parameter with its value and default; stops the run when any was invalid. */
    void print() {
        StringBuilder sb = new StringBuilder();
        sb.append("\n==> ").append(simulation).append(": parameters (-Dname=value; * = not the default)\n");
        int width = rows.stream().mapToInt(r -> r.name().length() + r.value().length()).max().orElse(20) + 4;
        for (Row r : rows) {
            String setting = "-D" + r.name() + "=" + r.value();
            sb.append(String.format("  %s %-" + width + "s default %-10s %s%n", r.value().equals(r.fallback()) ? " " : "*", setting,
                    r.fallback().isEmpty() ? "(none)" : r.fallback(), r.help()));
        }
        sb.append(String.format("    (Gatling JVM: max heap %d MiB (-Dload.heap), %d CPUs, java %s)%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        System.out.print(sb);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(simulation + ": " + String.join("; ", problems));
        }
    }

    static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
