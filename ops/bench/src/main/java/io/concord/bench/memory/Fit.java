package io.concord.bench.memory;

import java.util.List;

/** An ordinary least-squares line {@code y = intercept + slope * x}, with R². */
record Fit(double slope, double intercept, double r2) {

    static Fit of(List<Long> xs, List<Long> ys) {
        int n = xs.size();
        if (n < 2 || n != ys.size()) throw new IllegalArgumentException("need at least two points");
        double mx = xs.stream().mapToLong(Long::longValue).average().orElseThrow();
        double my = ys.stream().mapToLong(Long::longValue).average().orElseThrow();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = xs.get(i) - mx, dy = ys.get(i) - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
        return new Fit(slope, my - slope * mx, r2);
    }
}
