package io.concord.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus classic histogram as scraped from a {@code /metrics} page: cumulative counts by upper
 * bound. The difference of two scrapes is what was observed between them; its quantiles are the
 * upper bound of the bucket holding the rank, so they over-state by at most one bucket's width.
 */
public record MetricHistogram(TreeMap<Double, Double> cumulative, double sum) {
    /** The series {@code name} (summed over its labels) in {@code lines}; empty when absent. */
    public static MetricHistogram of(List<String> lines, String name) {
        TreeMap<Double, Double> counts = new TreeMap<>();
        String prefix = name + "_bucket{";
        double sum = 0;
        for (String line : lines) {
            if (line.startsWith(name + "_sum")) sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (!line.startsWith(prefix)) continue;
            int le = line.indexOf("le=\"");
            if (le < 0) continue;
            int close = line.indexOf('"', le + 4);
            String bound = line.substring(le + 4, close);
            double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            double count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            counts.merge(upper, count, Double::sum);
        }
        return new MetricHistogram(counts, sum);
    }

    public MetricHistogram minus(MetricHistogram before) {
        TreeMap<Double, Double> out = new TreeMap<>();
        cumulative.forEach((bound, n) -> out.put(bound, n - before.cumulative.getOrDefault(bound, 0.0)));
        return new MetricHistogram(out, sum - before.sum);
    }

    /** The mean observation; NaN when empty. */
    public double mean() {
        return count() > 0 ? sum / count() : Double.NaN;
    }

    public double count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /** The upper bound (in the series' unit) of the bucket holding quantile {@code q}; NaN when empty. */
    public double quantile(double q) {
        double total = count();
        if (total <= 0) return Double.NaN;
        double rank = Math.ceil(q * total);
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= rank) return e.getKey();
        }
        return Double.POSITIVE_INFINITY;
    }
}
