package io.concord.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark's parameters: each a system property with a default and a line of help, printed
 * (value and default) before the run so a result always says how it was produced.
 */
public final class BenchParams {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Set<String> hidden;

    /** {@code hidden}: parameters printed as their length only (a classpath, a secret). */
    public BenchParams(Set<String> hidden) {
        this.hidden = hidden;
    }

    public String get(String name, String fallback, String help) {
        String value = System.getProperty(name, fallback);
        values.put(name, value);
        defaults.put(name, (name.equals("classpath") ? "this JVM's classpath" : fallback) + "  (" + help + ")");
        return value;
    }

    public void print() {
        defaults.forEach((k, d) -> System.out.printf("#   -D%s=%s%n#       default: %s%n", k,
                hidden.contains(k) ? "<" + values.get(k).length() + " chars>" : values.get(k), d));
    }
}
