package dev.aiperf.engine.metrics;

import dev.aiperf.engine.api.model.StatKeys;

/**
 * Per-run statistics of one metric, in its display unit, as AIPerf exports them: percentiles by linear
 * interpolation between closest ranks (numpy's default), {@code std} the population standard deviation (ddof = 0).
 * For aggregate metrics only {@link #avg()} is meaningful; the other fields are NaN and {@code count} is 0.
 */
public record Stats(long count, double sum, double avg, double min, double max,
                    double p1, double p5, double p10, double p25, double p50,
                    double p75, double p90, double p95, double p99, double std) {

    /** Statistics of {@code values} (any order), each divided by {@code scale}; {@code null} when empty. */
    public static Stats of(double[] values, double scale) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return ofSorted(sorted, scale);
    }

    /** As {@link #of} for an ascending array, which is not copied. */
    static Stats ofSorted(double[] s, double scale) {
        int n = s.length;
        if (n == 0) {
            return null;
        }
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        double mean = sum / n;
        double m2 = 0;
        for (double v : s) {
            double d = v - mean;
            m2 += d * d;
        }
        return new Stats(n, sum / scale, mean / scale, s[0] / scale, s[n - 1] / scale,
                percentile(s, 1) / scale, percentile(s, 5) / scale, percentile(s, 10) / scale,
                percentile(s, 25) / scale, percentile(s, 50) / scale, percentile(s, 75) / scale,
                percentile(s, 90) / scale, percentile(s, 95) / scale, percentile(s, 99) / scale,
                Math.sqrt(m2 / n) / scale);
    }

    /** One number per run (aggregate metrics): only {@code avg} is set. */
    public static Stats scalar(double value) {
        double nan = Double.NaN;
        return new Stats(0, nan, value, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan);
    }

    /**
     * The {@code p}-th percentile (0..100) of an ascending array by numpy's linear method:
     * rank {@code p/100 * (n-1)}, interpolated between the two closest values.
     */
    public static double percentile(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double rank = p / 100.0 * (n - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, n - 1);
        double frac = rank - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }

    /** The stat called {@code name} ({@link StatKeys#ALL}, {@code count} or {@code sum}); NaN if unknown. */
    public double get(String name) {
        return switch (name) {
            case "avg" -> avg;
            case "min" -> min;
            case "max" -> max;
            case "p1" -> p1;
            case "p5" -> p5;
            case "p10" -> p10;
            case "p25" -> p25;
            case "p50" -> p50;
            case "p75" -> p75;
            case "p90" -> p90;
            case "p95" -> p95;
            case "p99" -> p99;
            case "std" -> std;
            case "count" -> count;
            case "sum" -> sum;
            default -> Double.NaN;
        };
    }
}
