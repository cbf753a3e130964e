package dev.aiperf.engine.stats;

/** Percentiles by linear interpolation between closest ranks (numpy's default), on a sorted array. */
final class LinearPercentile {
    private LinearPercentile() {
    }

    /** The {@code p}-th percentile (0..100) of {@code sorted}; NaN if empty. */
    static double of(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
